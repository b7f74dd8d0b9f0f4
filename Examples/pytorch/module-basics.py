# Guide §4 (nn.Module): SimpleModel, Sequential, ModuleList, ModuleDict. Twin of Examples/ModuleBasics.
# Seeded so the weights and the random batch equal swift-torch's; the prints after "Sequential" are
# additions that show the section's other models (the guide only defines them).
import torch
import torch.nn as nn

torch.manual_seed(42)


class SimpleModel(nn.Module):
    def __init__(self, in_features, hidden_size, out_features):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden_size)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(hidden_size, out_features)
        self.dropout = nn.Dropout(p=0.5)

    def forward(self, x):
        x = self.fc1(x)
        x = self.relu(x)
        x = self.dropout(x)
        x = self.fc2(x)
        return x


model = SimpleModel(784, 256, 10)
print(model)

total_params = sum(p.numel() for p in model.parameters())
trainable_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
print(f"전체 파라미터: {total_params:,}")
print(f"학습 가능 파라미터: {trainable_params:,}")

for name, param in model.named_parameters():
    print(f"{name}: {param.shape}")

x = torch.randn(32, 784)
output = model(x)
print(f"출력 shape: {output.shape}")

# Sequential
seq_model = nn.Sequential(
    nn.Linear(784, 256),
    nn.ReLU(),
    nn.Dropout(0.3),
    nn.Linear(256, 128),
    nn.ReLU(),
    nn.Linear(128, 10)
)
print(seq_model)
print(f"Sequential 파라미터: {sum(p.numel() for p in seq_model.parameters()):,}")


# ModuleList
class ResidualBlock(nn.Module):
    def __init__(self, num_blocks, hidden_size):
        super().__init__()
        self.layers = nn.ModuleList([
            nn.Linear(hidden_size, hidden_size)
            for _ in range(num_blocks)
        ])
        self.relu = nn.ReLU()

    def forward(self, x):
        for layer in self.layers:
            x = self.relu(layer(x)) + x
        return x


residual = ResidualBlock(3, 64)
print(residual)
print(f"ResidualBlock 출력 shape: {residual(torch.randn(8, 64)).shape}")


# ModuleDict
class MultiTaskModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Linear(784, 256)
        self.heads = nn.ModuleDict({
            'classification': nn.Linear(256, 10),
            'regression': nn.Linear(256, 1)
        })

    def forward(self, x, task='classification'):
        features = torch.relu(self.backbone(x))
        return self.heads[task](features)


multi = MultiTaskModel()
print(multi)
print(f"classification 출력 shape: {multi(x).shape}")
print(f"regression 출력 shape: {multi(x, task='regression').shape}")
