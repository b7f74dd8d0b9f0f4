"""Random-sampling parity fixtures: every case reseeds with torch.manual_seed(0) (unless it says
otherwise) and records torch's exact CPU output, so the Swift generator must match bit for bit."""
import torch
from fixturelib import save


def seeded(fn, seed=0):
    torch.manual_seed(seed)
    return fn()


cases = {}
c = cases
c["rand_3x3"] = seeded(lambda: torch.rand(3, 3))
c["rand_seed42_7"] = seeded(lambda: torch.rand(7), 42)
c["rand_bigseed_4"] = seeded(lambda: torch.rand(4), 2**40 + 5)
c["rand_f64_5"] = seeded(lambda: torch.rand(5, dtype=torch.float64))
c["rand_f16_20"] = seeded(lambda: torch.rand(20, dtype=torch.float16))
c["rand_bf16_20"] = seeded(lambda: torch.rand(20, dtype=torch.bfloat16))
c["rand_two_calls"] = seeded(lambda: torch.cat([torch.rand(700), torch.rand(3)]))
c["uniform_f32"] = seeded(lambda: torch.empty(50).uniform_(-2, 3))
c["uniform_f64"] = seeded(lambda: torch.empty(50, dtype=torch.float64).uniform_(-2, 3))
c["uniform_f16"] = seeded(lambda: torch.empty(20, dtype=torch.float16).uniform_(-2, 3))
c["uniform_transposed"] = seeded(lambda: torch.empty(4, 3).t().uniform_().contiguous())

for n in [5, 15, 16, 37, 100]:
    c[f"randn_{n}"] = seeded(lambda: torch.randn(n))
c["randn_2x3x4"] = seeded(lambda: torch.randn(2, 3, 4))
c["randn_f64_5"] = seeded(lambda: torch.randn(5, dtype=torch.float64))
c["randn_f64_100"] = seeded(lambda: torch.randn(100, dtype=torch.float64))
c["randn_f16_40"] = seeded(lambda: torch.randn(40, dtype=torch.float16))
c["randn_bf16_40"] = seeded(lambda: torch.randn(40, dtype=torch.bfloat16))
c["randn_f16_5"] = seeded(lambda: torch.randn(5, dtype=torch.float16))
c["randn_cached_pair"] = seeded(lambda: torch.cat([torch.randn(3, dtype=torch.float64), torch.randn(3, dtype=torch.float64)]))
c["randn_transposed"] = seeded(lambda: torch.empty(5, 4).t().normal_().contiguous())
c["normal_scalar_5"] = seeded(lambda: torch.normal(2.0, 3.0, size=(5,)))
c["normal_scalar_100"] = seeded(lambda: torch.normal(2.0, 3.0, size=(100,)))
c["normal_scalar_f64_100"] = seeded(lambda: torch.normal(2.0, 3.0, size=(100,), dtype=torch.float64))
c["normal_scalar_f64_7"] = seeded(lambda: torch.normal(-1.5, 0.25, size=(7,), dtype=torch.float64))
mean_t = torch.arange(6, dtype=torch.float32).reshape(2, 3)
std_t = torch.tensor([0.5, 1.0, 2.0])
c["normal_tensor_tensor"] = seeded(lambda: torch.normal(mean_t, std_t))
c["normal_tensor_float"] = seeded(lambda: torch.normal(mean_t, 0.5))
c["normal_float_tensor"] = seeded(lambda: torch.normal(1.0, std_t))
c["normal_tensor_tensor_40"] = seeded(lambda: torch.normal(torch.linspace(-1, 1, 40), torch.full((40,), 0.3)))

c["randint_0_10_5"] = seeded(lambda: torch.randint(0, 10, (5,)))
c["randint_m5_5_i32"] = seeded(lambda: torch.randint(-5, 5, (2, 3), dtype=torch.int32))
c["randint_high_only"] = seeded(lambda: torch.randint(7, (8,)))
c["randint_wide"] = seeded(lambda: torch.randint(0, 2**40, (4,)))
c["randint_wide_i32_path"] = seeded(lambda: torch.randint(-2**31, 2**31 - 1, (4,)))
c["randint_f32"] = seeded(lambda: torch.randint(-5, 5, (6,), dtype=torch.float32))
c["randint_u8"] = seeded(lambda: torch.randint(0, 256, (6,), dtype=torch.uint8))
for n in [1, 2, 10, 100, 1000]:
    c[f"randperm_{n}"] = seeded(lambda: torch.randperm(n))
c["randperm_i32_10"] = seeded(lambda: torch.randperm(10, dtype=torch.int32))

probs = seeded(lambda: torch.rand(4, 5), 7)
c["bernoulli_p"] = probs
c["bernoulli_tensor"] = seeded(lambda: torch.bernoulli(probs))
c["bernoulli_tensor_f64"] = seeded(lambda: torch.bernoulli(probs.double()))
c["bernoulli_scalar"] = seeded(lambda: torch.empty(20).bernoulli_(0.3))
c["bernoulli_scalar_i64"] = seeded(lambda: torch.empty(20, dtype=torch.int64).bernoulli_(0.7))
c["bernoulli_broadcast"] = seeded(lambda: torch.empty(3, 4).bernoulli_(torch.tensor([0.1, 0.5, 0.9, 1.0])))
# float32 bernoulli_(p) runs in blocks (dropout's masks): several calls crossing twists (624 words, 312
# elements) and 512-element blocks, p at 0 and 1, a permuted tensor (memory order), then one more draw.
c["bernoulli_blocks"] = seeded(lambda: torch.cat([
    torch.empty(1000).bernoulli_(0.7), torch.empty(333).bernoulli_(0.25), torch.empty(7).bernoulli_(1.0),
    torch.empty(5).bernoulli_(0.0), torch.empty(31, 17).t().bernoulli_(0.5).contiguous().flatten(),
    torch.rand(5)]))
c["exponential_f32"] = seeded(lambda: torch.empty(30).exponential_(1.5))
c["exponential_f64"] = seeded(lambda: torch.empty(30, dtype=torch.float64).exponential_())

w = torch.tensor([0.5, 0.3, 0.1, 0.06, 0.04])
c["multi_w"] = w
c["multi_one"] = seeded(lambda: torch.multinomial(w, 1))
c["multi_three"] = seeded(lambda: torch.multinomial(w, 3))
c["multi_all"] = seeded(lambda: torch.multinomial(w, 5))
c["multi_repl_10"] = seeded(lambda: torch.multinomial(w, 10, replacement=True))
w2 = seeded(lambda: torch.rand(3, 6), 3)
c["multi_w2"] = w2
c["multi2_repl_8"] = seeded(lambda: torch.multinomial(w2, 8, replacement=True))
c["multi2_norepl_4"] = seeded(lambda: torch.multinomial(w2, 4))
c["multi2_f64_repl_8"] = seeded(lambda: torch.multinomial(w2.double(), 8, replacement=True))
c["multi2_f64_norepl_4"] = seeded(lambda: torch.multinomial(w2.double(), 4))
c["multi_unnormalized"] = seeded(lambda: torch.multinomial(torch.tensor([0., 10., 3., 0.]), 4, replacement=True))

c["state_after_rand3"] = seeded(lambda: (torch.rand(3), torch.get_rng_state())[1])
c["state_after_randn3_f64"] = seeded(lambda: (torch.randn(3, dtype=torch.float64), torch.get_rng_state())[1])
c["state_seed_big"] = seeded(lambda: torch.get_rng_state(), 2**63 + 12345)


def checksum(t):
    """Large outputs as sums of their bit patterns (plus every 97th element) to keep the JSON small."""
    bits = t.view(torch.int32 if t.element_size() == 4 else torch.int64).tolist()
    return {"count": len(bits), "low": sum(b & 0xFFFFFFFF for b in bits),
            "high": sum((b >> 32) & 0xFFFFFFFF for b in bits),
            "weighted": sum((b & 0xFFFF) * (i % 1000) for i, b in enumerate(bits)), "sample": t[::97]}


c["randn_200003_sum"] = checksum(seeded(lambda: torch.randn(200003)))
c["normal_m2_s3_50001_sum"] = checksum(seeded(lambda: torch.normal(-2.0, 3.0, size=(50001,))))
c["randn_f64_20001_sum"] = checksum(seeded(lambda: torch.randn(20001, dtype=torch.float64)))
save("random_sampling", cases)
