#!/usr/bin/env python3
"""Where the wasm's bytes go: code size by crate and by console module.

Reads the wasm that cargo writes before wasm-bindgen and wasm-opt (it still has its name
section), adds up each function body's size under the crate (and, for the console, the
module) its name belongs to, and prints the largest. The shipped bundle is smaller after
wasm-opt, but in about the same proportions, so a growth shows up here the day it happens.
Usage: scripts/wasm_sizes.py [WASM] [--top N]
"""
import re
import sys
from collections import Counter

def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos

def sections(data):
    pos = 8
    while pos < len(data):
        kind = data[pos]
        size, pos = leb(data, pos + 1)
        yield kind, data[pos:pos + size]
        pos += size

def parse(data):
    imported = 0
    bodies, names = [], {}
    for kind, body in sections(data):
        if kind == 2:  # imports: functions among them shift the function indices
            count, pos = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    n, pos = leb(body, pos)
                    pos += n
                what = body[pos]
                pos += 1
                if what == 0:
                    imported += 1
                    _, pos = leb(body, pos)
                elif what == 1:
                    pos += 1
                    flags, pos = leb(body, pos)
                    _, pos = leb(body, pos)
                    if flags & 1:
                        _, pos = leb(body, pos)
                elif what == 2:
                    flags, pos = leb(body, pos)
                    _, pos = leb(body, pos)
                    if flags & 1:
                        _, pos = leb(body, pos)
                elif what == 3:
                    pos += 2
        elif kind == 10:
            count, pos = leb(body, 0)
            for _ in range(count):
                size, pos = leb(body, pos)
                bodies.append(size)
                pos += size
        elif kind == 0:
            n, pos = leb(body, 0)
            if body[pos:pos + n] != b"name":
                continue
            pos += n
            while pos < len(body):
                sub = body[pos]
                size, pos = leb(body, pos + 1)
                end = pos + size
                if sub == 1:
                    count, p = leb(body, pos)
                    for _ in range(count):
                        index, p = leb(body, p)
                        length, p = leb(body, p)
                        names[index] = body[p:p + length].decode("utf-8", "replace")
                        p += length
                pos = end
    return [(names.get(imported + i, "?"), size) for i, size in enumerate(bodies)]

ESCAPES = [("$LT$", "<"), ("$GT$", ">"), ("$RF$", "&"), ("$BP$", "*"), ("$C$", ","), ("$u20$", " "), ("$u7b$", "{"), ("$u7d$", "}"), ("..", "::")]

def demangle(name):
    """The path of a Rust symbol (legacy `_ZN…E` or v0 `_R…` mangling), or the name as it is."""
    v0 = re.match(r"_R", name)
    if v0:
        # v0 (release builds that compile std): the first crate root (`C`, a disambiguator,
        # then the length-prefixed name), then the length-prefixed names nested under it.
        m = re.search(r"C(?:s[0-9A-Za-z]*_)?(\d+)", name)
        if not m:
            return name
        parts, pos = [], m.start(1)
        while True:
            d = re.match(r"(?:s[0-9A-Za-z]*_)?(\d+)_?", name[pos:])
            if not d:
                break
            start = pos + d.end()
            parts.append(name[start:start + int(d.group(1))])
            pos = start + int(d.group(1))
        return "::".join(parts)
    m = re.match(r"_ZN(.*)E$", name)
    if not m:
        return name
    parts, rest = [], m.group(1)
    while rest and rest[0].isdigit():
        n = re.match(r"\d+", rest).group(0)
        rest = rest[len(n):]
        parts.append(rest[:int(n)])
        rest = rest[int(n):]
    path = "::".join(p for p in parts if not re.fullmatch(r"h[0-9a-f]{16}", p))
    for escaped, plain in ESCAPES:
        path = path.replace(escaped, plain)
    return path.lstrip("_")

PRIMITIVES = {"str", "bool", "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "f32", "f64", "char", "dyn"}

def owner(path):
    """The crate of a path; for the console, its module (`runai_console::components::form`)."""
    # Generic instances read `<T as Trait>::f` or `crate::f<T>`: the outermost path decides.
    words = [w for w in re.split(r"::|[<>&* ,()\[\];]", path) if w and not w.startswith("$")]
    if not words:
        return "?"
    # `<T as Trait>::f` for a generic or primitive T: the trait's crate.
    if path.startswith("<") and " as " in path and (len(words[0]) == 1 or words[0] in PRIMITIVES or words[0] == "mut"):
        words = [w for w in re.split(r"::|[<>&* ,()\[\];]", path.split(" as ", 1)[1]) if w]
    if words[0] == "runai_console" and len(words) > 2:
        return "::".join(words[:3])
    return words[0]

def main():
    args, top = sys.argv[1:], 25
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i:i + 2]
    wasm = args[0] if args else "target/wasm32-unknown-unknown/release/runai-console.wasm"
    functions = parse(open(wasm, "rb").read())
    total = sum(size for _, size in functions)
    by_crate, by_module = Counter(), Counter()
    for name, size in functions:
        where = owner(demangle(name))
        by_crate[where.split("::")[0]] += size
        if where.startswith("runai_console::"):
            by_module[where] += size
    print(f"wasm code before wasm-opt: {total // 1024} K in {len(functions)} functions ({wasm})")
    for title, counts in (("by crate", by_crate), ("by console module", by_module)):
        print(f"  {title}:")
        for where, size in counts.most_common(top):
            print(f"    {size // 1024:6d} K  {100 * size / total:5.1f}%  {where}")

if __name__ == "__main__":
    main()
