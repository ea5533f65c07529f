import AtelierCommands

#if os(Linux)
  import CMalloc
#endif

@main
enum Entrypoint {
  static func main() async {
    #if os(Linux)
      // glibc gives the top of the heap back to the kernel whenever more than 128 KiB is free
      // there, and the neighbourhood search allocates and frees GLPK problems hundreds of times:
      // on nec2022 that was 16 s of system time (page faults) in a 67 s run, 0.4 s with a 1 GiB
      // threshold, for the same output and 5 MB more peak memory (docs/benchmarks.md).
      _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
    #endif
    await AtelierCommand.mainWithDocumentedExitCodes()
  }
}
