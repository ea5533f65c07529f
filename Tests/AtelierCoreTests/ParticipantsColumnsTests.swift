import Foundation
import Testing

@testable import AtelierCore

/// Which headings `ParticipantsColumns` reads as what (issue 15, item 5).
@Suite("Participants columns")
struct ParticipantsColumnsTests {
  @Test(
    "choice headings give their rank; other headings are not choices",
    arguments: [
      ("choice_1", 1), ("Choice #2", 2), ("1st choice", 1), ("3rd choice", 3), ("choix_4", 4), ("Choix n°1", 1),
      ("Choix nº 2", 2), ("Choix No 3", 3), ("1er choix", 1), ("1re choix", 1), ("1ère choix", 1), ("2e choix", 2),
      ("2ème choix", 2), ("Atelier 1", 1), ("ATELIER_12", 12), ("Vœu 1", 1), ("VOEU 2", 2), ("voeux 3", 3),
      ("rank_1", 1), ("Workshop 1", 1), ("choice_0", 0), ("choice 120", 120),
      // Not choices: a year, a count of workshops, a title, no number.
      ("Atelier 2022", nil), ("Nb ateliers", nil), ("Atelier 1 (titre)", nil), ("Atelier", nil), ("Choix", nil),
      ("Session 1", nil),
    ] as [(String, Int?)])
  func choiceNumbers(heading: String, rank: Int?) {
    let role = ParticipantsColumns.role(for: heading)
    if let rank {
      #expect(role == .choice(rank))
    } else {
      #expect(role.map { if case .choice = $0 { true } else { false } } != true, "\(String(describing: role))")
    }
  }

  @Test("a 0-based series is read with choice_0 first; a mapping overrides headings; unknown names get hints")
  func resolve() {
    let zero = ParticipantsColumns.resolve(header: ["id", "choice_1", "choice_0"], mapping: nil, at: { _ in .init() })
    #expect(zero.columns.choices == [2, 1])
    #expect(zero.columns.zeroBased)
    #expect(zero.diagnostics.isEmpty)

    let mapping = InstanceFile.ParticipantsEntry(file: "x.csv", id: "E-mail", choices: ["B", "A", "Zed"])
    let mapped = ParticipantsColumns.resolve(
      header: ["id", "e-mail", "A", "B", "choice_1", "Z"], mapping: mapping, at: { _ in .init() })
    #expect(mapped.columns.id == 1)  // named (matched ignoring case), not the `id` heading
    #expect(mapped.columns.choices == [3, 2])  // as named; choice_1 is not read
    #expect(mapped.diagnostics.map(\.location.path) == ["participants.choices[2]"])
    #expect(mapped.diagnostics.first?.hint == "its header is: id, e-mail, A, B, choice_1, Z")
  }

  @Test("participants: as a string or as a mapping decodes and encodes back the same")
  func entryCoding() throws {
    let string = try JSONDecoder().decode(InstanceFile.ParticipantsEntry.self, from: Data(#""p.csv""#.utf8))
    #expect(string == "p.csv")
    #expect(String(decoding: try JSONEncoder().encode(string), as: UTF8.self) == #""p.csv""#)
    let json = #"{"file":"i.csv","id":"Email","choices":["A 1","A 2"],"max_workshops":"Nb"}"#
    let mapping = try JSONDecoder().decode(InstanceFile.ParticipantsEntry.self, from: Data(json.utf8))
    #expect(mapping == .init(file: "i.csv", id: "Email", choices: ["A 1", "A 2"], maxWorkshops: "Nb"))
    let back = try JSONDecoder().decode(InstanceFile.ParticipantsEntry.self, from: try JSONEncoder().encode(mapping))
    #expect(back == mapping)
  }
}
