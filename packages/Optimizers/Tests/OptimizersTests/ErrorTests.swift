import Autodiff
import Foundation
import Optimizers
import TensorCore
import Testing

/// Misuse stops with torch's ValueError text; a state dict that doesn't fit throws.
@Suite struct ErrorTests {
    @Test func negativeLearningRate() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD([Tensor.zeros([2]).requiresGrad_()], lr: -0.1)
        }.map {
            #expect(String(decoding: $0.standardErrorContent, as: UTF8.self).contains("Invalid learning rate: -0.1"))
        }
    }

    @Test func betaOutsideRange() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Adam([Tensor.zeros([2]).requiresGrad_()], betas: (1.0, 0.999))
        }.map {
            #expect(
                String(decoding: $0.standardErrorContent, as: UTF8.self).contains(
                    "Invalid beta parameter at index 0: 1.0"))
        }
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = AdamW([Tensor.zeros([2]).requiresGrad_()], betas: (0.9, -0.5))
        }.map {
            #expect(
                String(decoding: $0.standardErrorContent, as: UTF8.self).contains(
                    "Invalid beta parameter at index 1: -0.5"))
        }
    }

    @Test func perGroupValueIsCheckedToo() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD([ParamGroup([Tensor.zeros([2]).requiresGrad_()], ["lr": -1.0])], lr: 0.1)
        }.map {
            #expect(String(decoding: $0.standardErrorContent, as: UTF8.self).contains("Invalid learning rate: -1.0"))
        }
    }

    @Test func nesterovNeedsMomentum() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD([Tensor.zeros([2]).requiresGrad_()], lr: 0.1, nesterov: true)
        }.map {
            #expect(
                String(decoding: $0.standardErrorContent, as: UTF8.self).contains(
                    "Nesterov momentum requires a momentum and zero dampening"))
        }
    }

    @Test func parameterInTwoGroups() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let p = Tensor.zeros([2]).requiresGrad_()
            _ = SGD([ParamGroup([p]), ParamGroup([p])], lr: 0.1)
        }.map {
            #expect(
                String(decoding: $0.standardErrorContent, as: UTF8.self).contains(
                    "some parameters appear in more than one parameter group"))
        }
    }

    @Test func emptyParameterList() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Adam([Tensor]())
        }.map {
            #expect(
                String(decoding: $0.standardErrorContent, as: UTF8.self).contains(
                    "optimizer got an empty parameter list"))
        }
    }

    @Test func nonLeafParameter() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let p = Tensor.zeros([2]).requiresGrad_()
            _ = SGD([p * 2], lr: 0.1)
        }.map {
            #expect(
                String(decoding: $0.standardErrorContent, as: UTF8.self).contains("can't optimize a non-leaf Tensor"))
        }
    }

    @Test func loadingWrongParameterCountThrows() {
        let a = Adam([Tensor.zeros([2]).requiresGrad_(), Tensor.zeros([3]).requiresGrad_()])
        let b = Adam([Tensor.zeros([2]).requiresGrad_()])
        #expect(throws: OptimizerLoadError.groupSizeMismatch(group: 0)) { try b.loadStateDict(a.stateDict()) }
        #expect(
            OptimizerLoadError.groupSizeMismatch(group: 0).description
                == "loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
        let twoGroups = SGD([
            ParamGroup([Tensor.zeros([2]).requiresGrad_()]), ParamGroup([Tensor.zeros([1]).requiresGrad_()]),
        ])
        #expect(throws: OptimizerLoadError.groupCountMismatch) { try b.loadStateDict(twoGroups.stateDict()) }
    }

    @Test func loadingAnotherOptimizersStateThrows() {
        let p = Tensor.zeros([2]).requiresGrad_()
        let sgd = SGD([p], lr: 0.1, momentum: 0.9)
        p.grad = Tensor.onesLike(p)
        sgd.step()
        let adam = Adam([Tensor.zeros([2]).requiresGrad_()])
        #expect(
            throws: OptimizerLoadError.missingHyperParameters(
                group: 0, keys: ["betas", "eps", "amsgrad", "capturable", "decoupled_weight_decay"])
        ) {
            try adam.loadStateDict(sgd.stateDict())
        }
        #expect(adam.paramGroups[0].lr == 1e-3)  // unchanged after the failed load
    }

    @Test func loadingWrongStateShapeThrows() {
        let p = Tensor.zeros([2]).requiresGrad_()
        let a = Adam([p])
        p.grad = Tensor.onesLike(p)
        a.step()
        var sd = a.stateDict()
        if case .dict(var root) = sd, case .dict(var state) = root["state"]!, case .dict(var s0) = state[.int(0)]! {
            s0["exp_avg"] = .tensor(Tensor.zeros([5]))
            state[.int(0)] = .dict(s0)
            root["state"] = .dict(state)
            sd = .dict(root)
        }
        let b = Adam([Tensor.zeros([2]).requiresGrad_()])
        #expect(throws: OptimizerLoadError.stateShapeMismatch(param: 0, key: "exp_avg", expected: [2], got: [5])) {
            try b.loadStateDict(sd)
        }
        #expect(throws: OptimizerLoadError.malformed("no 'param_groups' list")) { try b.loadStateDict(["state": [:]]) }
    }
}
