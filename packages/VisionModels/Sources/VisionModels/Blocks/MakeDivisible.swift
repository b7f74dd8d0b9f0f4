/// torchvision's `_make_divisible(v, divisor, min_value=None)`: `v` rounded to the nearest multiple of
/// `divisor` (at least `minValue`, default `divisor`), never more than 10% below `v`.
func makeDivisible(_ v: Double, _ divisor: Int, minValue: Int? = nil) -> Int {
    // Python's int() truncates; v is positive here.
    var newV = max(minValue ?? divisor, Int(v + Double(divisor) / 2) / divisor * divisor)
    if Double(newV) < 0.9 * v { newV += divisor }
    return newV
}
