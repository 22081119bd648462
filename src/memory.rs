//! The allocator, chosen for a PDF build's pattern of memory use.
//!
//! A PDF build lays out one document per core; each layout takes tens of megabytes in
//! many small allocations, freed when its PDF is written, while the next document
//! allocates beside them. glibc's allocator kept what was freed in its arenas and
//! returned only the top of each heap, so resident memory crept up by about a megabyte
//! per document; asking it to give everything back after each document (`malloc_trim`)
//! held the peak but cost 1.5 to 2 s of system time at the bench's scale 10, and a fixed
//! trim threshold cost 8 to 18 % more CPU.
//!
//! On Linux sopdoc uses jemalloc instead, with three settings compiled in
//! (`.cargo/config.toml`): freed pages go back to the system after a second unused
//! (`dirty_decay_ms:1000`) and at once from there (`muzzy_decay_ms:0`), on jemalloc's own
//! thread rather than inside the build's allocations (`background_thread:true`). Measured
//! on the bench's scale 10 (README, Performance: Memory), the PDF build takes 8 to
//! 14 % less CPU than with glibc and a peak 70 to 95 MiB lower; with jemalloc's default
//! settings the peak was 20 to 40 MiB higher. Elsewhere, and without the `jemalloc` feature
//! (the fuzz targets turn it off for the address sanitizer), the system's allocator is used.

#[cfg(all(target_os = "linux", feature = "jemalloc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
