// The pipeline allocates many small, short-lived strings and vectors per
// sentence on every thread; mimalloc's thread-local free lists make that
// several times cheaper than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mi_option_e` in its `mimalloc.h`,
/// the same in versions 2 and 3), which the Rust bindings do not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // A run is one batch: memory one stage frees, the next allocates again.
    // By default mimalloc hands freed pages back to the system after 10 ms,
    // and the kernel then zeroes them again when they are touched: on the
    // whole benchmark corpus that was a third of the system time, for 5%
    // less peak memory. Keep them instead (-1: never purge).
    // SAFETY: sets a documented mimalloc option before any thread starts.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
    claimdiff::cli::main()
}
