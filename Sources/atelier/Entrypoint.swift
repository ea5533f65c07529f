import AtelierCommands

@main
enum Entrypoint {
  static func main() async { await AtelierCommand.mainWithDocumentedExitCodes() }
}
