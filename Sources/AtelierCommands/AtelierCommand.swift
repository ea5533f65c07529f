import ArgumentParser
import Foundation

/// `atelier`: one verb per job. Each subcommand lives in its own `…Command.swift`.
public struct AtelierCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "atelier",
    abstract: "Schedule workshops and rooms for a large event, with GLPK.",
    discussion: """
      Exit status: 0 success; 1 the input or a schedule breaks a rule (diagnostics printed); \
      2 unreadable input or wrong usage; 3 infeasible instance; 4 stopped early (time limit or \
      interrupt) with the best schedule found written, not proven optimal.
      """,
    version: "0.1.0",
    subcommands: [
      ValidateCommand.self,
      CheckCommand.self,
      SolveCommand.self,
      ExportCommand.self,
      GenerateCommand.self,
      WhatIfCommand.self,
      ImportCommand.self,
    ]
  )

  public init() {}

  /// Like `main()`, but wrong usage exits with 2 as documented (ArgumentParser's default is 64).
  public static func mainWithDocumentedExitCodes() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(ExitStatus.unreadable.rawValue)
      }
      exit(withError: error)
    }
  }
}
