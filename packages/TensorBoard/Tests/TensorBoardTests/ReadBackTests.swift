import DataPipeline
import Foundation
import TensorBoardTestSupport
import TensorCore
import Testing
import TorchTestSupport

@testable import TensorBoard

/// Everything SummaryWriter writes, read back by TensorBoard's EventAccumulator and compared with what
/// torch's SummaryWriter wrote for the same tensors (Fixtures/summaries.json).
@Suite struct ReadBackTests {
    @Test func scalarsStepsWallTimesAndTags() throws {
        let dir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = Date().timeIntervalSince1970
        let writer = try SummaryWriter(logDir: dir.path)
        for step in 0..<25 {
            writer.addScalar("loss/train", 1.0 / Double(step + 1), globalStep: step, walltime: 1000 + Double(step))
        }
        writer.addScalar("lr", 0.001, globalStep: 3)
        writer.addScalar("zero", 0, globalStep: 0, walltime: 5)
        writer.addScalar("tensor", Tensor(2.5), globalStep: 9, walltime: 6)
        writer.addScalars("acc", ["train": 0.5, "test": 0.25], globalStep: 2, walltime: 7)
        writer.addText("notes", "**hello** – ünïcode", globalStep: 4, walltime: 8)
        try writer.close()

        let runs = try EventReader.runs(dir)
        #expect(Set(runs.keys) == [".", "acc_train", "acc_test"])
        let run = try #require(runs["."])
        #expect(run["file_version"] as? Double == 2)  // "brain.Event:2", as EventAccumulator parses it
        #expect(run["source_writer"] as? String == "swift-torch TensorBoard")
        let files = try #require(run["files"] as? [String])
        #expect(files.count == 1)
        let name = try #require(files.first)
        #expect(
            name.hasPrefix("events.out.tfevents.")
                && name.hasSuffix(".\(hostName()).\(getpid()).\(name.split(separator: ".").last!)"))

        let loss = run.events("scalars", "loss/train")
        #expect(loss.map { $0["step"] as? Int } == (0..<25).map { $0 })
        #expect(loss.map { $0.exact("wall_time") } == (0..<25).map { 1000 + Double($0) })
        #expect(loss.map { $0.exact("value") } == (0..<25).map { Double(Float(1.0 / Double($0 + 1))) })
        let lr = try #require(run.events("scalars", "lr").first)
        #expect(lr.exact("value") == Double(Float(0.001)) && lr["step"] as? Int == 3)
        let wall = try #require(lr.exact("wall_time"))
        #expect(wall >= before && wall <= Date().timeIntervalSince1970)
        #expect(run.events("scalars", "zero").first?["value"] as? Double == 0)
        #expect(run.events("scalars", "tensor").first?["value"] as? Double == 2.5)
        for (sub, value) in [("acc_train", 0.5), ("acc_test", 0.25)] {
            let event = try #require(runs[sub]?.events("scalars", "acc").first)
            #expect(
                event["value"] as? Double == value && event["step"] as? Int == 2 && event["wall_time"] as? Double == 7)
        }
        let text = try #require(run.events("tensors", "notes/text_summary").first)
        #expect(text["strings"] as? [String] == ["**hello** – ünïcode"] && text["step"] as? Int == 4)
        #expect((run["plugins"] as? [String: String])?["notes/text_summary"] == "text")
    }

    @Test func histogramsEqualTorchs() throws {
        let fixture = try Fixture("summaries")
        let inputs = try #require(fixture["histogram_inputs"] as? [String: Any])
        let expected = try #require(fixture["histograms"] as? [String: [String: Any]])
        let dir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try SummaryWriter(logDir: dir.path)
        func input(_ name: String) throws -> Tensor { try Fixture.decodeTensor(try #require(inputs[name])) }
        for name in inputs.keys { writer.addHistogram(name, try input(name), globalStep: 3) }
        writer.addHistogram("normal_10bins", try input("normal"), globalStep: 4, bins: .count(10))
        writer.addHistogram("integers_4bins", try input("integers"), globalStep: 4, bins: .count(4))
        let edges = (0...40).map { -4 + 8 * Double($0) / 40 }  // np.linspace(-4, 4, 41)
        writer.addHistogram("normal_max5", try input("normal"), globalStep: 5, bins: .edges(edges), maxBins: 7)
        try writer.close()

        let run = try #require(try EventReader.runs(dir)["."])
        #expect(Set((run["histograms"] as? [String: Any] ?? [:]).keys) == Set(expected.keys))
        for (tag, want) in expected {
            let got = try #require(run.events("histograms", tag).first, "no histogram \(tag)")
            #expect(got["step"] as? Int == want["step"] as? Int, "\(tag)")
            for key in ["bucket", "min", "max", "num"] {
                #expect(got[key] as? NSObject == want[key] as? NSObject, "\(tag).\(key)")
            }
            let limits = try #require(got["bucket_limit"] as? [Double]),
                wantLimits = try #require(want["bucket_limit"] as? [Double])
            // linspace's edges may differ from numpy's in the last bit; TensorBoard's own are exact.
            #expect(limits.count == wantLimits.count, "\(tag) limits")
            #expect(zip(limits, wantLimits).allSatisfy { abs($0 - $1) <= 1e-15 * max(1, abs($1)) }, "\(tag) limits")
            for key in ["sum", "sum_squares"] {  // numpy sums pairwise; equal to rounding
                let a = try #require(got[key] as? Double), b = try #require(want[key] as? Double)
                #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(tag).\(key): \(a) vs \(b)")
            }
        }
    }

    @Test func imagesEqualTorchsPixels() throws {
        let fixture = try Fixture("summaries")
        let single = try #require(fixture["image_inputs"] as? [String: [String: Any]])
        let batches = try #require(fixture["images_inputs"] as? [String: Any])
        let expected = try #require(fixture["images"] as? [String: [String: Any]])
        let dir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try SummaryWriter(logDir: dir.path)
        for (tag, input) in single {
            writer.addImage(
                tag, try Fixture.decodeTensor(try #require(input["tensor"])), globalStep: 1,
                dataformats: try #require(input["dataformats"] as? String))
        }
        for (tag, input) in batches { writer.addImages(tag, try Fixture.decodeTensor(input), globalStep: 2) }
        try writer.close()

        let run = try #require(try EventReader.runs(dir)["."])
        for (tag, want) in expected {
            let got = try #require(run.events("images", tag).first, "no image \(tag)")
            #expect(
                got["width"] as? Int == want["width"] as? Int && got["height"] as? Int == want["height"] as? Int,
                "\(tag)")
            let base64 = try #require(got["png"] as? String)
            let png = try #require(Data(base64Encoded: base64))
            let image = try Image.decode(png)
            #expect(image.mode.rawValue == want["mode"] as? String, "\(tag)")
            let pixels = try Fixture.decodeTensor(try #require(want["pixels"]))
            #expect(image.pixels == pixels.toArray(UInt8.self), "\(tag) pixels")
        }
    }

    @Test func hparamsAsTorchWritesThem() throws {
        let fixture = try Fixture("summaries")
        let expected = try #require(fixture["hparams"] as? [String: Any])
        let dir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try SummaryWriter(logDir: dir.path)
        try writer.addHparams(
            ["lr": 0.001, "batch": 64, "optim": "adam", "amsgrad": true], ["hp/accuracy": 0.9], runName: "hp")
        try writer.addHparams(["lr": 0.1], ["loss": 1])  // default run name: the time
        try writer.close()

        let runs = try EventReader.runs(dir)
        let hp = try #require(runs["hp"])
        #expect(hp["hparams"] as? NSDictionary == expected as NSDictionary)
        let accuracy = try #require(hp.events("scalars", "hp/accuracy").first)
        #expect(accuracy.exact("value") == Double(Float(0.9)))
        let timed = try #require(runs.keys.first { $0 != "." && $0 != "hp" })
        let seconds = try #require(Double(timed))
        #expect(abs(seconds - Date().timeIntervalSince1970) < 600)
    }

    /// torch's default `runs/<Mon><DD>_<HH>-<MM>-<SS>_<host><comment>`.
    @Test func defaultLogDir() {
        var parts = DateComponents()
        (parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second) = (2026, 12, 7, 9, 15, 2)
        let date = Calendar.current.date(from: parts)!
        #expect(LogDir.defaultPath(comment: "_lr0.1", now: date) == "runs/Dec07_09-15-02_\(hostName())_lr0.1")
    }

    @Test func purgeStepWritesTheRestartEvents() throws {
        let dir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try SummaryWriter(logDir: dir.path)
        for step in 0..<10 { first.addScalar("x", Double(step), globalStep: step, walltime: Double(step)) }
        try first.close()
        Thread.sleep(forTimeInterval: 1.05)  // a later second in the name, so the new file sorts last
        // A resumed run from step 5: TensorBoard drops the old file's steps >= 5.
        let second = try SummaryWriter(logDir: dir.path, purgeStep: 5, filenameSuffix: ".resumed")
        for step in 5..<8 { second.addScalar("x", Double(step) * 10, globalStep: step, walltime: 100 + Double(step)) }
        try second.close()
        let run = try #require(try EventReader.runs(dir)["."])
        #expect((run["files"] as? [String])?.filter { $0.hasSuffix(".resumed") }.count == 1)
        let xs = run.events("scalars", "x")
        #expect(xs.map { $0["step"] as? Int } == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(xs.map { $0["value"] as? Double } == [0, 1, 2, 3, 4, 50, 60, 70])
    }
}
