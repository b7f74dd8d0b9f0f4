# Guide §15 (모델 저장과 로딩). Twin of Examples/SaveLoad (which writes its checkpoints as HDF5, .h5, where
# this writes torch.save's .pt; everything else prints the same).
import torch
import torch.nn as nn

torch.manual_seed(42)
model = nn.Linear(10, 5)
optimizer = torch.optim.Adam(model.parameters())

# 방법 1: state_dict 저장 (권장)
torch.save(model.state_dict(), 'model_weights.pt')
print(f"state_dict 키: {list(model.state_dict().keys())}")
# 로딩
loaded_model = nn.Linear(10, 5)  # 동일한 아키텍처 필요
loaded_model.load_state_dict(torch.load('model_weights.pt', weights_only=True))
loaded_model.eval()
print(f"로딩한 가중치 일치: {all(torch.equal(a, b) for a, b in zip(loaded_model.state_dict().values(), model.state_dict().values()))}")

# 방법 2: 전체 모델 저장 (권장하지 않음 — 이식성 낮음)
torch.save(model, 'full_model.pt')
loaded_full = torch.load('full_model.pt', weights_only=False)


# 방법 3: 체크포인트 — 학습 재개를 위한 완전한 상태 저장
def save_checkpoint(model, optimizer, scheduler, epoch, loss, path):
    torch.save({
        'epoch': epoch,
        'model_state_dict': model.state_dict(),
        'optimizer_state_dict': optimizer.state_dict(),
        'scheduler_state_dict': scheduler.state_dict() if scheduler else None,
        'loss': loss,
    }, path)
    print(f"체크포인트 저장: {path}")


def load_checkpoint(path, model, optimizer=None, scheduler=None):
    checkpoint = torch.load(path, map_location='cpu', weights_only=True)
    model.load_state_dict(checkpoint['model_state_dict'])
    if optimizer:
        optimizer.load_state_dict(checkpoint['optimizer_state_dict'])
    if scheduler and checkpoint['scheduler_state_dict']:
        scheduler.load_state_dict(checkpoint['scheduler_state_dict'])
    return checkpoint['epoch'], checkpoint['loss']


# 사용 예시
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=100)
save_checkpoint(model, optimizer, scheduler, epoch=50, loss=0.25, path='checkpoint_ep50.pt')
start_epoch, prev_loss = load_checkpoint('checkpoint_ep50.pt', model, optimizer, scheduler)
print(f"재개: epoch={start_epoch}, loss={prev_loss:.4f}")

# GPU 모델을 CPU로 로딩
model_cpu = nn.Linear(10, 5)
keys = model_cpu.load_state_dict(torch.load('model_weights.pt', map_location='cpu', weights_only=True))
print(f"missing_keys: {keys.missing_keys}, unexpected_keys: {keys.unexpected_keys}")

# 재개한 학습 = 중단 없는 학습
x, target = torch.randn(64, 10), torch.randn(64, 5)


def make_run():
    model = nn.Linear(10, 5)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    return model, optimizer, torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=100)


def step(run):
    run[1].zero_grad()
    loss = nn.MSELoss()(run[0](x), target)
    loss.backward()
    run[1].step()
    run[2].step()
    return loss.item()


torch.manual_seed(7)
straight = make_run()
straight_losses = [step(straight) for _ in range(6)]
torch.manual_seed(7)
first = make_run()
first_losses = [step(first) for _ in range(3)]
save_checkpoint(first[0], first[1], first[2], epoch=3, loss=first_losses[-1], path='checkpoint_ep3.pt')
resumed = make_run()
epoch, _ = load_checkpoint('checkpoint_ep3.pt', resumed[0], resumed[1], resumed[2])
resumed_losses = [step(resumed) for _ in range(epoch, 6)]
print(f"손실 (중단 없이): {', '.join(f'{v:.4f}' for v in straight_losses)}")
print(f"손실 (재개):      {', '.join(f'{v:.4f}' for v in first_losses + resumed_losses)}")
same = all(torch.equal(a, b) for a, b in zip(resumed[0].state_dict().values(), straight[0].state_dict().values()))
print(f"재개한 학습의 가중치 = 중단 없는 학습의 가중치: {same}")
print(f"학습률: {resumed[1].param_groups[0]['lr']:.8f}")
