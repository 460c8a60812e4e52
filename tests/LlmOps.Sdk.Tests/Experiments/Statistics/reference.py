"""Independent reference values for the experiment statistics, in plain Python 3.11 (no NumPy, no SciPy).

Run: python3 reference.py. Every number it prints is pinned in the C# tests next to this file, which name the
vector they come from. The code here shares nothing with the C# implementation but the definitions:

* Wilcoxon signed-rank, scipy.stats.wilcoxon defaults (zero_method='wilcox', correction=False,
  alternative='two-sided', method='auto'): the method is chosen as scipy/stats/_wilcoxon.py does; exact and
  permutation p-values come from brute-force enumeration of all 2^n sign flips with exact Fractions; the asymptotic
  p-value uses math.erfc and the tie-corrected variance.
* binomtest(k, n, 0.5) two-sided: the sum, in exact Fractions, of C(n, j) / 2^n over every j whose probability is
  at most (1 + 1e-7) times that of k (scipy/stats/_binomtest.py), capped at 1.
* Power: the normal approximations of PowerAnalysis.cs (paired z approximation; Connor 1987 for McNemar), with
  Python's statistics.NormalDist (Wichura's AS241 quantile) for the normal distribution.
* xoshiro256** seeded by SplitMix64 (https://prng.di.unimi.it/), Lemire's bounded integers, and the percentile
  bootstrap with NumPy's linear percentile, for the bootstrap interval pinned for a seed.
"""
from fractions import Fraction
from itertools import product
from math import ceil, comb, erfc, sqrt, floor
from statistics import NormalDist

MASK = (1 << 64) - 1


# ---------------------------------------------------------------------------------------------- Wilcoxon
def average_ranks(magnitudes):
    order = sorted(range(len(magnitudes)), key=lambda i: magnitudes[i])
    ranks = [Fraction(0)] * len(magnitudes)
    ties = []
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and magnitudes[order[j + 1]] == magnitudes[order[i]]:
            j += 1
        for t in range(i, j + 1):
            ranks[order[t]] = Fraction(i + j + 2, 2)
        ties.append(j - i + 1)
        i = j + 1
    return ranks, ties


def enumerate_p(ranks, observed):
    """2 * min(P(T <= observed), P(T >= observed)) over all sign flips, capped at 1, as an exact Fraction."""
    below = above = 0
    for signs in product((0, 1), repeat=len(ranks)):
        total = sum(r for r, s in zip(ranks, signs) if s)
        below += total <= observed
        above += total >= observed
    return min(Fraction(1), 2 * Fraction(min(below, above), 2 ** len(ranks)))


def wilcoxon(d, force_asymptotic=False):
    n = len(d)
    nz = [x for x in d if x != 0]
    m = len(nz)
    ranks, ties = average_ranks([abs(x) for x in nz])
    r_plus = sum((r for r, x in zip(ranks, nz) if x > 0), Fraction(0))
    r_minus = Fraction(m * (m + 1), 2) - r_plus
    has_ties = any(t > 1 for t in ties)
    zeros = n - m
    if n > 50 or force_asymptotic:
        method = "asymptotic"
    elif not has_ties and zeros == 0:
        method = "exact"
    elif n <= 13:
        method = "permutation"
    else:
        method = "asymptotic"
    if method in ("exact", "permutation"):
        p = float(enumerate_p(ranks, r_plus)) if m <= 22 else None
    else:
        count = float(m)
        mn = count * (count + 1.) * 0.25
        se = count * (count + 1.) * (2. * count + 1.)
        tie_correct = float(sum(t ** 3 - t for t in ties))
        se = sqrt((se - tie_correct / 2) / 24)
        z = (float(r_plus) - mn) / se
        p = erfc(abs(z) * sqrt(0.5))
    return float(min(r_plus, r_minus)), p, method


def wilcoxon_exact_large(d):
    """Exact p for no ties/zeros when 2^n is too many to enumerate: the same count by dynamic programming."""
    m = len(d)
    counts = [1]
    for k in range(1, m + 1):
        new = counts + [0] * k
        for s, c in enumerate(counts):
            new[s + k] += c
        counts = new
    ranks, _ = average_ranks([abs(x) for x in d])
    r_plus = int(sum(r for r, x in zip(ranks, d) if x > 0))
    below = sum(counts[: r_plus + 1])
    above = sum(counts[r_plus:])
    return float(min(Fraction(1), 2 * Fraction(min(below, above), 2 ** m)))


# ---------------------------------------------------------------------------------------------- binomtest
def binomtest_two_sided_half(k, n):
    d = comb(n, k)
    limit = d * Fraction(1 + 1e-7)
    total = sum(comb(n, j) for j in range(n + 1) if comb(n, j) <= limit)
    return float(min(Fraction(1), Fraction(total, 2 ** n)))


# ---------------------------------------------------------------------------------------------- bootstrap
def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


class Xoshiro:
    def __init__(self, seed):
        x = seed
        self.s = []
        for _ in range(4):
            x, out = splitmix64(x)
            self.s.append(out)

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def below(self, bound):
        product_ = self.next() * bound
        low = product_ & MASK
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                product_ = self.next() * bound
                low = product_ & MASK
        return product_ >> 64


def percentile_linear(sorted_values, percent):
    index = (len(sorted_values) - 1) * (percent / 100.0)
    below = floor(index)
    upper = min(below + 1, len(sorted_values) - 1)
    fraction = index - below
    a, b = sorted_values[below], sorted_values[upper]
    diff = b - a
    return b - diff * (1 - fraction) if fraction >= 0.5 else a + diff * fraction


def bootstrap_mean(values, seed, resamples=10_000, level=0.95):
    rng = Xoshiro(seed)
    n = len(values)
    means = []
    for _ in range(resamples):
        total = 0.0
        for _ in range(n):
            total += values[rng.below(n)]
        means.append(total / n)
    means.sort()
    tail = (1.0 - level) / 2.0
    return percentile_linear(means, tail * 100.0), percentile_linear(means, (1.0 - tail) * 100.0)


# ---------------------------------------------------------------------------------------------- power
Z = NormalDist()


def paired_power(n, sd, effect, alpha, target=0.8):
    za = Z.inv_cdf(1 - alpha / 2)
    shift = effect * sqrt(n) / sd
    power = Z.cdf(shift - za) + Z.cdf(-shift - za)
    required = ceil(((za + Z.inv_cdf(target)) * sd / effect) ** 2)
    return power, required


def mcnemar_power(n, discordant, effect, alpha, target=0.8):
    za = Z.inv_cdf(1 - alpha / 2)
    zb = Z.inv_cdf(target)
    psi = max(discordant / n, effect)
    spread = sqrt(psi - effect * effect)
    required = ceil((za * sqrt(psi) + zb * spread) ** 2 / (effect * effect))
    power = Z.cdf((effect * sqrt(n) - za * sqrt(psi)) / spread)
    return power, required


# ---------------------------------------------------------------------------------------------- vectors
WILCOXON = {
    # scipy.stats.wilcoxon docstring (Wilcoxon 1945 corn heights): 24.0, 0.041259765625
    "corn": [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75],
    # test_morestats.py TestWilcoxon.test_wilcoxon_tie: all tied, n = 10 -> exhaustive sign flips
    "tie10": [0.1] * 10,
    # test_morestats.py TestWilcoxon.test_auto_permutation_edge_case: 27.5, 0.3955078125 and 32, 0.3779296875
    "arange_-5_8_zero": list(range(-5, 8)),
    "arange_-5_8_tie": [1 if x == 0 else x for x in range(-5, 8)],
    # test_morestats.py TestWilcoxon.test_auto: n = 14 with a zero -> asymptotic (value not pinned there)
    "arange_-5_9_zero": list(range(-5, 9)),
    # Ties and zeros, n = 12 -> exhaustive sign flips
    "ties_zeros_12": [1, -1, 2, 0, 2, 3, -3, 0, 4, 1, -2, 5],
    # Ties and zeros, n = 30 -> asymptotic with the tie correction
    "ties_zeros_30": [(i % 7) - 3 for i in range(30)],
    # n = 51 distinct positives -> asymptotic above 50 (test_auto uses arange(1, 52))
    "arange_1_52": list(range(1, 52)),
    # test_morestats.py TestWilcoxon.test_all_zeros_exact: 0.0, 1.0
    "zeros5": [0.0] * 5,
}


def main():
    print("# Wilcoxon: name, statistic, p-value, method")
    for name, d in WILCOXON.items():
        stat, p, method = wilcoxon(d)
        if p is None:
            p = wilcoxon_exact_large(d)
        print(f"{name}: {stat!r}, {p!r}, {method}")
    # test_morestats.py TestWilcoxon.test_exact_pval: x - y, n = 20, no ties -> exact
    d20 = [(i + 0.5) - (20.0 - i) for i in range(20)]
    print(f"exact_pval_20: {wilcoxon_exact_large(d20)!r}")
    # test_morestats.py TestWilcoxon.test_accuracy_wilcoxon: 56 values with zeros and ties -> 327, 0.00641346115861
    freq = [1, 4, 16, 15, 8, 4, 5, 1, 2]
    accuracy = [u for u, v in zip(range(-4, 5), freq) for _ in range(v)]
    stat, p, method = wilcoxon(accuracy)
    print(f"accuracy_56: {stat!r}, {p!r}, {method}")

    # test_morestats.py TestWilcoxon.test_exact_pval: R's exact two-sided p-value 0.10546875
    x = [1.81, 0.82, 1.56, -0.48, 0.81, 1.28, -1.04, 0.23, -0.75, 0.14]
    y = [0.71, 0.65, -0.2, 0.85, -1.1, -0.45, -0.84, -0.24, -0.68, -0.76]
    print("exact_pval_10: {!r}".format(wilcoxon([a - b for a, b in zip(x, y)])))
    # test_morestats.py TestWilcoxon.test_accuracy_wilcoxon, R's wilcox.test(exact=FALSE, correct=FALSE):
    # 34, 0.6948866023724735 (the default here is exact: no ties, no zeros)
    x = [120, 114, 181, 188, 180, 146, 121, 191, 132, 113, 127, 112]
    y = [133, 143, 119, 189, 112, 199, 198, 113, 115, 121, 142, 187]
    d = [a - b for a, b in zip(x, y)]
    print(f"r_12 auto: {wilcoxon(d)!r}, asymptotic: {wilcoxon(d, True)!r}")
    # Asymptotic checks against pinned values: docstring 0.04088813291185591, R 0.001565402258002551
    print(f"corn asymptotic: {wilcoxon(WILCOXON['corn'], True)!r}")
    print(f"tie10 asymptotic: {wilcoxon(WILCOXON['tie10'], True)!r}")

    print("# binomtest(k, n, 0.5).pvalue")
    for k, n in [(3, 10), (0, 5), (1, 20), (2, 30), (15, 100), (40, 100), (12, 60), (0, 1), (1, 1),
                 (7, 13), (6, 11), (484, 967), (300, 1000), (2400, 5000), (950, 2000), (30, 2000)]:
        print(f"({k}, {n}): {binomtest_two_sided_half(k, n)!r}")

    print("# power: (power, required pairs)")
    print(f"paired n=30 sd=0.2 effect=0.05 alpha=0.05: {paired_power(30, 0.2, 0.05, 0.05)!r}")
    print(f"paired n=200 sd=0.2 effect=0.05 alpha=0.05: {paired_power(200, 0.2, 0.05, 0.05)!r}")
    print(f"mcnemar n=100 discordant=30 effect=0.1 alpha=0.05: {mcnemar_power(100, 30, 0.1, 0.05)!r}")
    print(f"mcnemar n=400 discordant=120 effect=0.1 alpha=0.05: {mcnemar_power(400, 120, 0.1, 0.05)!r}")
    print(f"norm quantiles: {Z.inv_cdf(0.975)!r}, {Z.inv_cdf(0.8)!r}")

    print("# xoshiro256** seeded by SplitMix64: first outputs")
    for seed in (0, 42):
        rng = Xoshiro(seed)
        print(f"seed {seed}: " + ", ".join(f"0x{rng.next():016X}" for _ in range(3)))
    x = 0
    x, first = splitmix64(x)
    print(f"splitmix64(0) first: 0x{first:016X}")

    print("# percentile bootstrap of the mean, 10,000 resamples, 0.95")
    data = [0.62, 0.71, 0.55, 0.9, 0.48, 0.77, 0.66, 0.81, 0.59, 0.73, 0.69, 0.5]
    for seed in (42, 7):
        lo, hi = bootstrap_mean(data, seed)
        print(f"seed {seed}: {lo!r}, {hi!r}")


if __name__ == "__main__":
    main()
