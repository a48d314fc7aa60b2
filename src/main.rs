// The pipeline allocates many small, short-lived strings and vectors per
// sentence on every thread; mimalloc's thread-local free lists make that
// several times cheaper than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    claimdiff::cli::main()
}
