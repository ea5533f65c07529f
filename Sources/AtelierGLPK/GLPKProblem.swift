@preconcurrency internal import CGLPK
internal import CGLPKInterrupt
import AtelierMIP

/// Owns one `glp_prob`: created, solved and deleted on the one thread that made it (GLPK's
/// environment is thread-local; deleting a problem on another thread aborts the process).
final class GLPKProblem {
  let pointer: OpaquePointer
  /// Set when an interrupted call freed the thread's GLPK environment, and this problem with it.
  private(set) var isFreed = false

  /// Loads a model already checked by `LinearModel.validationErrors` and `GLPKProblem.limitErrors`.
  init?(_ model: LinearModel) {
    guard let pointer = glp_create_prob() else { return nil }
    self.pointer = pointer
    glp_set_obj_dir(pointer, model.sense == .minimize ? GLP_MIN : GLP_MAX)
    glp_set_obj_coef(pointer, 0, model.objectiveConstant)
    // GLPK aborts on adding zero rows or columns.
    if !model.variables.isEmpty { glp_add_cols(pointer, Int32(model.variables.count)) }
    if !model.rows.isEmpty { glp_add_rows(pointer, Int32(model.rows.count)) }
    for (index, variable) in model.variables.enumerated() {
      let j = Int32(index + 1)
      let (type, lower, upper) = Self.boundType(variable.lower, variable.upper)
      // GLP_IV rather than GLP_BV: GLP_BV would reset the bounds of a fixed binary to [0, 1].
      glp_set_col_kind(pointer, j, variable.kind == .continuous ? GLP_CV : GLP_IV)
      glp_set_col_bnds(pointer, j, type, lower, upper)
      if variable.objective != 0 { glp_set_obj_coef(pointer, j, variable.objective) }
    }
    let count = model.nonzeroCount
    // 1-based arrays: element 0 is ignored by GLPK.
    var ia = [Int32](repeating: 0, count: count + 1)
    var ja = [Int32](repeating: 0, count: count + 1)
    var ar = [Double](repeating: 0, count: count + 1)
    var k = 1
    for (index, row) in model.rows.enumerated() {
      let (type, lower, upper) = Self.boundType(row.lower, row.upper)
      glp_set_row_bnds(pointer, Int32(index + 1), type, lower, upper)
      for term in row.terms {
        ia[k] = Int32(index + 1)
        ja[k] = Int32(term.variable.index + 1)
        ar[k] = term.coefficient
        k += 1
      }
    }
    if count > 0 { glp_load_matrix(pointer, Int32(count), ia, ja, ar) }
  }

  deinit { if !isFreed { glp_delete_prob(pointer) } }

  /// Sizes GLPK's `int` indices cannot hold (checked before `init`).
  static func limitErrors(_ model: LinearModel) -> [String] {
    let limit = Int(Int32.max) - 1
    var errors: [String] = []
    if model.variables.count > limit { errors.append("\(model.variables.count) variables exceed GLPK's limit") }
    if model.rows.count > limit { errors.append("\(model.rows.count) rows exceed GLPK's limit") }
    if model.nonzeroCount > limit { errors.append("\(model.nonzeroCount) nonzeros exceed GLPK's limit") }
    return errors
  }

  private static func boundType(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
    switch (lower.isFinite, upper.isFinite) {
    case (false, false): (GLP_FR, 0, 0)
    case (true, false): (GLP_LO, lower, 0)
    case (false, true): (GLP_UP, 0, upper)
    case (true, true): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
    }
  }

  // MARK: Solution

  var mipStatus: Int32 { glp_mip_status(pointer) }
  var mipObjective: Double { glp_mip_obj_val(pointer) }

  func mipValues(count: Int) -> [Double] {
    (0..<count).map { glp_mip_col_val(pointer, Int32($0 + 1)) }
  }

  func lpValues(count: Int) -> [Double] {
    (0..<count).map { glp_get_col_prim(pointer, Int32($0 + 1)) }
  }

  func lpRowDuals(count: Int) -> [Double] {
    (0..<count).map { glp_get_row_dual(pointer, Int32($0 + 1)) }
  }

  /// Runs the simplex method quietly and returns GLPK's return code, or `Self.interrupted` when
  /// `cancellation` was set during the run: GLPK's simplex has no callback, so the flag is read at
  /// its progress lines, every `progressMilliseconds`. The problem is then freed (`isFreed`).
  func simplex(presolve: Bool, timeLimitMilliseconds: Int32, cancellation: CancellationFlag?) -> Int32 {
    var parm = glp_smcp()
    glp_init_smcp(&parm)
    parm.msg_lev = GLP_MSG_OFF
    parm.presolve = presolve ? GLP_ON : GLP_OFF
    parm.tm_lim = timeLimitMilliseconds
    guard let cancellation else { return glp_simplex(pointer, &parm) }
    // Progress lines only matter as moments to stop: the terminal hook swallows them. They change
    // nothing in the computation, so the run is the same as a quiet one until it is stopped.
    parm.msg_lev = GLP_MSG_ON
    parm.out_frq = Self.progressMilliseconds
    let context = Unmanaged.passUnretained(cancellation).toOpaque()
    let code = withExtendedLifetime(cancellation) {
      atelier_simplex_interruptible(pointer, &parm, { GLPKProblem.isCancelled($0) }, context)
    }
    if code == Self.interrupted { isFreed = true }
    return code
  }

  /// Runs `glp_intopt`, abandoned when `monitor` says so at a progress line: the LP relaxation that
  /// the MIP presolver solves inside `glp_intopt` comes before the first callback.
  func intopt(_ parm: inout glp_iocp, monitor: SearchMonitor) -> Int32 {
    guard monitor.cancellation != nil else { return glp_intopt(pointer, &parm) }
    // The presolver's LP prints every 5 s (GLPK's default `out_frq`, which `glp_intopt` keeps).
    parm.msg_lev = GLP_MSG_ON
    let context = Unmanaged.passUnretained(monitor).toOpaque()
    let code = withExtendedLifetime(monitor) {
      atelier_intopt_interruptible(pointer, &parm, { GLPKProblem.isAbandoned($0) }, context)
    }
    if code == Self.interrupted { isFreed = true }
    return code
  }

  /// What `simplex` and `intopt` return when they were stopped between two callbacks.
  static let interrupted = ATELIER_INTERRUPTED
  /// How often GLPK's simplex prints a progress line, hence reads the cancellation flag.
  static let progressMilliseconds: Int32 = 100

  private static func isCancelled(_ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let context else { return 0 }
    return Unmanaged<CancellationFlag>.fromOpaque(context).takeUnretainedValue().isCancelled ? 1 : 0
  }

  private static func isAbandoned(_ context: UnsafeMutableRawPointer?) -> Int32 {
    guard let context else { return 0 }
    return Unmanaged<SearchMonitor>.fromOpaque(context).takeUnretainedValue().abandonsBeforeSearch() ? 1 : 0
  }

  /// The status of the basic solution after `simplex`.
  var lpStatus: Int32 { glp_get_status(pointer) }
  var lpObjective: Double { glp_get_obj_val(pointer) }
}
