/// Namespace for the special functions the distributions rest on.
///
/// All functions take and return `Double`, return NaN for arguments outside their domain (as scipy.special
/// does) and never trap. The incomplete beta and gamma functions come in pairs (`I` and `1 - I`, `P` and `Q`)
/// because each member of a pair is computed directly where it is the small one; subtracting from one
/// would lose every digit of a 1e-300 tail.
public enum SpecialFunctions {}
