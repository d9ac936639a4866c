fn main() { runai_console::start(); }
