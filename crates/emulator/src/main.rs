//! `runai-emulator [--port N] [--dist DIR] [--token-ttl SECONDS] [--allow-origin ORIGIN]... [--scale N] [--speed X]`
//! `runai-emulator --served-contract FILE` writes the OpenAPI document of what it serves.

use runai_emulator::{spawn, Options, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, VIEWER_CLIENT_ID, VIEWER_CLIENT_SECRET};
use std::process::ExitCode;

const USAGE: &str = "usage: runai-emulator [--port N] [--dist DIR] [--token-ttl SECONDS] [--allow-origin ORIGIN]... [--scale N] [--speed X]
  --port N               loopback port to listen on (default 8080; 0 picks a free one)
  --dist DIR             serve a built console from DIR at /
  --token-ttl SECONDS    lifetime of issued access tokens (default 3600)
  --allow-origin ORIGIN  let a console served from ORIGIN call the API (CORS); repeatable
  --scale N              grow the demo tenant to N projects, nodes and workloads (for benchmarks)
  --speed X              run the workloads' scheduler X times faster than real time (default 1)
  --served-contract FILE write the OpenAPI document of the served operations to FILE and exit";

fn parse(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options { port: 8080, ..Options::default() };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => options.port = value()?.parse().map_err(|_| "--port takes a number from 0 to 65535")?,
            "--dist" => options.dist = Some(value()?.into()),
            "--token-ttl" => {
                options.token_ttl = value()?.parse().ok().filter(|t| *t > 0).ok_or("--token-ttl takes seconds > 0")?
            }
            "--allow-origin" => options.allow_origins.push(value()?),
            "--scale" => options.scale = value()?.parse().map_err(|_| "--scale takes a number of projects")?,
            "--speed" => options.speed = value()?.parse().ok().filter(|s: &f64| *s > 0.0 && s.is_finite()).ok_or("--speed takes a factor > 0")?,
            "--served-contract" => {
                let file = value()?;
                let doc = runai_emulator::served::served_document();
                std::fs::write(&file, doc.to_string()).map_err(|e| format!("cannot write {file}: {e}"))?;
                std::process::exit(0);
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("runai-emulator: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if let Some(dist) = options.dist.as_ref().filter(|d| !d.join("index.html").is_file()) {
        eprintln!("runai-emulator: {} has no index.html; build the console first (make dist)", dist.display());
        return ExitCode::from(2);
    }
    let running = match spawn(options.clone()).await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("runai-emulator: cannot listen on 127.0.0.1:{}: {e}", options.port);
            return ExitCode::from(1);
        }
    };
    let what = if options.dist.is_some() { "Run:ai console and emulated control plane" } else { "emulated control plane" };
    println!("{what}: {}", running.url());
    println!("  client ID:     {DEMO_CLIENT_ID}");
    println!("  client secret: {DEMO_CLIENT_SECRET}");
    println!("  (read-only, one department: {VIEWER_CLIENT_ID} / {VIEWER_CLIENT_SECRET})");
    println!("  tokens live {} s; Ctrl-C stops.", options.token_ttl);
    let _ = tokio::signal::ctrl_c().await;
    ExitCode::SUCCESS
}
