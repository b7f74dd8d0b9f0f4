"""Index orders of torch's samplers, DataLoader shuffling and random_split for fixed seeds."""
import torch
from torch.utils.data import (DataLoader, DistributedSampler, RandomSampler, SubsetRandomSampler,
                              WeightedRandomSampler, random_split)
from fixturelib import save

cases = {}
g = torch.Generator()
for seed in [0, 1, 42, 2**32 + 7]:
    for n in [1, 2, 10, 100]:
        g.manual_seed(seed)
        cases[f"randperm_{seed}_{n}"] = torch.randperm(n, generator=g).tolist()

for seed in [0, 123]:
    g.manual_seed(seed)
    cases[f"random_{seed}"] = list(RandomSampler(range(10), generator=g))
    g.manual_seed(seed)
    cases[f"random_more_{seed}"] = list(RandomSampler(range(7), num_samples=17, generator=g))
    g.manual_seed(seed)
    cases[f"random_replacement_{seed}"] = list(RandomSampler(range(10), replacement=True, num_samples=40, generator=g))
    g.manual_seed(seed)
    cases[f"subset_random_{seed}"] = list(SubsetRandomSampler([3, 5, 7, 11, 13], generator=g))
    g.manual_seed(seed)
    cases[f"weighted_{seed}"] = list(WeightedRandomSampler([0.1, 0.5, 2.0, 0.0, 1.0], num_samples=30, replacement=True, generator=g))
    g.manual_seed(seed)
    cases[f"loader_shuffle_{seed}"] = [b.tolist() for b in DataLoader(range(23), batch_size=5, shuffle=True, generator=g)]
    g.manual_seed(seed)
    # two epochs from one generator
    loader = DataLoader(range(9), batch_size=4, shuffle=True, drop_last=True, generator=g)
    cases[f"loader_two_epochs_{seed}"] = [[b.tolist() for b in loader] for _ in range(2)]
    g.manual_seed(seed)
    cases[f"random_split_{seed}"] = [list(s.indices) for s in random_split(range(10), [3, 7], generator=g)]
    g.manual_seed(seed)
    cases[f"random_split_frac_{seed}"] = [list(s.indices) for s in random_split(range(11), [0.5, 0.3, 0.2], generator=g)]

for seed in [0, 123]:
    # torch.multinomial's other paths: a single sample and no replacement draw exponential keys.
    g.manual_seed(seed)
    cases[f"weighted_one_{seed}"] = list(WeightedRandomSampler([0.1, 0.5, 2.0, 0.0, 1.0], num_samples=1, generator=g))
    g.manual_seed(seed)
    cases[f"weighted_noreplace_{seed}"] = list(WeightedRandomSampler([0.1, 0.5, 2.0, 0.0, 1.0], num_samples=4, replacement=False, generator=g))

dist = []
for n, replicas, shuffle, seed, drop_last, epoch in [
        (10, 3, True, 0, False, 0), (10, 3, True, 0, True, 0), (10, 3, False, 0, False, 0),
        (11, 4, True, 5, False, 2), (3, 5, True, 1, False, 0), (3, 5, False, 0, False, 0),
        (100, 2, True, 42, False, 7), (17, 4, True, 9, True, 3)]:
    ranks = []
    for rank in range(replicas):
        s = DistributedSampler(range(n), num_replicas=replicas, rank=rank, shuffle=shuffle, seed=seed, drop_last=drop_last)
        s.set_epoch(epoch)
        ranks.append(list(s))
    dist.append({"n": n, "replicas": replicas, "shuffle": shuffle, "seed": seed, "drop_last": drop_last,
                 "epoch": epoch, "ranks": ranks, "len": len(s)})
cases["distributed"] = dist

# Global-generator draws used by random transforms: torch.manual_seed(s) then rand/randint.
torch.manual_seed(3)
cases["rand_float_3"] = [torch.rand(1).item() for _ in range(5)]
torch.manual_seed(3)
cases["randint_3"] = [torch.randint(0, 9, size=(1,)).item() for _ in range(5)]
# No explicit generator: DataLoader shuffling and random_split draw from the global generator that
# torch.manual_seed seeds (one stream: the split continues where the loader's epoch left off).
for seed in [0, 7]:
    torch.manual_seed(seed)
    epoch = [b.item() for b in DataLoader(range(20), shuffle=True)]
    split = [list(s.indices) for s in random_split(range(10), [4, 6])]
    cases[f"global_loader_{seed}"] = {"epoch": epoch, "split": split}
save("samplers", cases)
