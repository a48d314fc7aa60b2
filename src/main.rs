fn main() -> std::process::ExitCode {
    claimdiff::cli::main()
}
