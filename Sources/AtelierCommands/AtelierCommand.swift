import ArgumentParser

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
      GenerateCommand.self,
      ValidateCommand.self,
      CheckCommand.self,
    ]
  )

  public init() {}
}
