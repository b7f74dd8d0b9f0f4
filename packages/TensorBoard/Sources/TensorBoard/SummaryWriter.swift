import Foundation
import TensorCore

/// `torch.utils.tensorboard.SummaryWriter`: writes TensorBoard event files in `logDir` from a background
/// thread. Adding a summary encodes it on the caller's thread and queues it; it never throws and never
/// waits for the disk unless `maxQueue` events are already waiting. I/O errors are thrown by `init` (the
/// directory or file cannot be made) and by `flush()`/`close()` (a background write failed).
public final class SummaryWriter: @unchecked Sendable {
    /// The run directory event files go to (PyTorch: `SummaryWriter.log_dir`).
    public let logDir: String
    /// Queued events that make `add*` wait for the disk (PyTorch: `SummaryWriter(max_queue=)`).
    public let maxQueue: Int
    /// Seconds between background flushes (PyTorch: `SummaryWriter(flush_secs=)`).
    public let flushSecs: Double
    /// Appended to event file names (PyTorch: `SummaryWriter(filename_suffix=)`).
    public let filenameSuffix: String

    private let lock = NSLock()
    private var purgeStep: Int?
    private var fileWriter: EventFileWriter?
    /// Every writer by its directory (the main one and `addScalars`' sub-runs), in creation order.
    private var allWriters: [(dir: String, writer: EventFileWriter)] = []
    /// An error met while adding (a sub-run directory that could not be made), thrown by flush/close.
    private var deferredError: TensorBoardError?

    /// `SummaryWriter(log_dir=None, comment='', purge_step=None, max_queue=10, flush_secs=120,
    /// filename_suffix='')`; without `logDir`, `runs/<date>_<host><comment>`.
    /// PyTorch: `torch.utils.tensorboard.SummaryWriter.__init__`.
    public init(
        logDir: String? = nil, comment: String = "", purgeStep: Int? = nil, maxQueue: Int = 10,
        flushSecs: Double = 120, filenameSuffix: String = ""
    ) throws(TensorBoardError) {
        self.logDir = logDir.flatMap { $0.isEmpty ? nil : $0 } ?? LogDir.defaultPath(comment: comment)
        self.purgeStep = purgeStep
        self.maxQueue = maxQueue
        self.flushSecs = flushSecs
        self.filenameSuffix = filenameSuffix
        lock.lock()
        defer { lock.unlock() }
        _ = try mainWriter()
    }

    deinit { try? close() }

    /// The run folder torch would pick, under `root` instead of `runs`: `<root>/<Mon><DD>_<HH>-<MM>-<SS>_<host><comment>`.
    public static func defaultLogDir(root: String = "runs", comment: String = "") -> String {
        LogDir.defaultPath(root: root, comment: comment)
    }

    /// `get_logdir()`.
    /// PyTorch: `torch.utils.tensorboard.SummaryWriter.get_logdir`.
    public func getLogdir() -> String { logDir }

    // MARK: Summaries

    /// `add_scalar(tag, scalar_value, global_step, walltime)`: stored as a float32 `simple_value`.
    /// PyTorch: `torch.utils.tensorboard.SummaryWriter.add_scalar`.
    public func addScalar(_ tag: String, _ value: Double, globalStep: Int? = nil, walltime: Double? = nil) {
        add(.init(values: [.init(tag: tag, kind: .simpleValue(Float(value)))]), globalStep, walltime)
    }

    /// A one-element tensor (a loss) as a scalar.
    /// PyTorch: `torch.utils.tensorboard.SummaryWriter.add_scalar` with a tensor `scalar_value`.
    public func addScalar(_ tag: String, _ value: Tensor, globalStep: Int? = nil, walltime: Double? = nil) {
        torchCheck(
            value.numel == 1,
            "Tensor should contain one element (0 dimensions). Was given size: \(value.numel) and \(value.ndim) dimensions."
        )
        addScalar(tag, value.toArray(Double.self)[0], globalStep: globalStep, walltime: walltime)
    }

    /// `add_scalars(main_tag, tag_scalar_dict, ...)`: each value goes, under `mainTag`, to its own run
    /// `<logDir>/<mainTag with / as _>_<tag>`, so TensorBoard draws them on one chart.
    /// PyTorch: `torch.utils.tensorboard.SummaryWriter.add_scalars`.
    public func addScalars(
        _ mainTag: String, _ tagScalarDict: [String: Double], globalStep: Int? = nil, walltime: Double? = nil
    ) {
        let walltime = walltime ?? Date().timeIntervalSince1970
        lock.lock()
        defer { lock.unlock() }
        guard let main = try? mainWriter() else { return }
        for (tag, value) in tagScalarDict.sorted(by: { $0.key < $1.key }) {
            let dir = main.logDir + "/" + mainTag.replacingOccurrences(of: "/", with: "_") + "_" + tag
            let writer: EventFileWriter
            if let existing = allWriters.first(where: { $0.dir == dir })?.writer {
                writer = existing
            } else {
                do {
                    writer = try EventFileWriter(
                        logDir: dir, maxQueue: maxQueue, flushSecs: flushSecs, filenameSuffix: filenameSuffix)
                } catch {
                    remember(error)
                    continue
                }
                allWriters.append((dir, writer))
            }
            writer.add(
                event(.init(values: [.init(tag: mainTag, kind: .simpleValue(Float(value)))]), globalStep, walltime))
        }
    }

    /// `add_histogram(tag, values, global_step, bins='tensorflow', walltime, max_bins)`: torch's buckets.
    public func addHistogram(
        _ tag: String, _ values: Tensor, globalStep: Int? = nil, bins: HistogramBins = .tensorflow,
        walltime: Double? = nil, maxBins: Int? = nil
    ) {
        let doubles = values.toArray(Double.self)
        let histogram = Histogram.make(doubles, bins: bins.edges(for: doubles), maxBins: maxBins)
        add(.init(values: [.init(tag: tag, kind: .histogram(histogram))]), globalStep, walltime)
    }

    /// `add_image(tag, img_tensor, global_step, walltime, dataformats='CHW')`: floats in [0, 1] or uint8
    /// in [0, 255]; one channel becomes grey RGB; written as PNG.
    /// PyTorch: `torch.utils.tensorboard.SummaryWriter.add_image`.
    public func addImage(
        _ tag: String, _ image: Tensor, globalStep: Int? = nil, walltime: Double? = nil, dataformats: String = "CHW"
    ) {
        add(
            .init(values: [.init(tag: tag, kind: .image(ImageSummary.make(image, dataformats: dataformats)))]),
            globalStep, walltime)
    }

    /// `add_images(tag, img_tensor, ..., dataformats='NCHW')`: tiled 8 per row (torch's make_grid).
    public func addImages(
        _ tag: String, _ images: Tensor, globalStep: Int? = nil, walltime: Double? = nil, dataformats: String = "NCHW"
    ) {
        addImage(tag, images, globalStep: globalStep, walltime: walltime, dataformats: dataformats)
    }

    /// `add_text(tag, text_string, ...)`: the text plugin's string tensor under `<tag>/text_summary`.
    /// PyTorch: `torch.utils.tensorboard.SummaryWriter.add_text`.
    public func addText(_ tag: String, _ text: String, globalStep: Int? = nil, walltime: Double? = nil) {
        let tensor = TensorProto(dtype: TensorProto.dtString, shape: [1], stringVal: [Array(text.utf8)])
        add(
            .init(values: [.init(tag: tag + "/text_summary", kind: .tensor(tensor), plugin: ("text", []))]), globalStep,
            walltime)
    }

    /// `add_hparams(hparam_dict, metric_dict, run_name=None, global_step=None)`: the hparams plugin's
    /// experiment, session start and session end, then each metric as a scalar, in the sub-run
    /// `<logDir>/<runName>` (default: the time as Python prints `time.time()`). Throws if that run
    /// cannot be written.
    /// PyTorch: `torch.utils.tensorboard.SummaryWriter.add_hparams`.
    public func addHparams(
        _ hparams: KeyValuePairs<String, HParamValue>, _ metrics: KeyValuePairs<String, Double>,
        runName: String? = nil, globalStep: Int? = nil
    ) throws(TensorBoardError) {
        let run = runName.flatMap { $0.isEmpty ? nil : $0 } ?? "\(Date().timeIntervalSince1970)"
        let experiment = HParamsProto.experiment(
            hparams: hparams.map { ($0.key, $0.value.proto.type) }, metricTags: metrics.map(\.key))
        let start = HParamsProto.sessionStart(hparams.map { ($0.key, $0.value.proto.value) })
        let end = HParamsProto.sessionEndSuccess()
        let sub = try SummaryWriter(logDir: (logDir as NSString).appendingPathComponent(run))
        for (tag, content) in [
            ("_hparams_/experiment", experiment), ("_hparams_/session_start_info", start),
            ("_hparams_/session_end_info", end),
        ] {
            sub.add(.init(values: [.init(tag: tag, kind: .none, plugin: ("hparams", content))]), globalStep, nil)
        }
        for (tag, value) in metrics { sub.addScalar(tag, value, globalStep: globalStep) }
        try sub.close()
    }

    // MARK: Flushing

    /// Writes every queued event of every run to disk.
    /// PyTorch: `torch.utils.tensorboard.SummaryWriter.flush`.
    public func flush() throws(TensorBoardError) {
        var first: TensorBoardError?
        for writer in snapshot() {
            do { try writer.flush() } catch { first = first ?? error }
        }
        if let error = first ?? takeDeferredError() { throw error }
    }

    /// Flushes and closes every run's file. Adding after `close()` starts a new event file, as torch does.
    public func close() throws(TensorBoardError) {
        let writers = lock.withLock {
            defer {
                allWriters.removeAll()
                fileWriter = nil
            }
            return allWriters.map(\.writer)
        }
        var first: TensorBoardError?
        for writer in writers {
            do { try writer.close() } catch { first = first ?? error }
        }
        if let error = first ?? takeDeferredError() { throw error }
    }

    // MARK: Plumbing

    /// The main run's writer, (re)created on demand; the purge events go first into a new one.
    private func mainWriter() throws(TensorBoardError) -> EventFileWriter {
        if let fileWriter { return fileWriter }
        let writer = try EventFileWriter(
            logDir: logDir, maxQueue: maxQueue, flushSecs: flushSecs, filenameSuffix: filenameSuffix)
        fileWriter = writer
        allWriters.insert((logDir, writer), at: 0)
        if let step = purgeStep {
            // TensorBoard drops the events at or after this step from earlier files of this run.
            let now = Date().timeIntervalSince1970
            writer.add(EventProto(wallTime: now, step: Int64(step), what: .fileVersion("brain.Event:2")))
            writer.add(EventProto(wallTime: now, step: Int64(step), what: .sessionLogStatus(1)))
            purgeStep = nil
        }
        return writer
    }

    private func add(_ summary: SummaryProto, _ globalStep: Int?, _ walltime: Double?) {
        let event = event(summary, globalStep, walltime)
        lock.lock()
        var writer: EventFileWriter?
        do { writer = try mainWriter() } catch { remember(error) }
        lock.unlock()
        writer?.add(event)
    }

    private func event(_ summary: SummaryProto, _ globalStep: Int?, _ walltime: Double?) -> EventProto {
        EventProto(
            wallTime: walltime ?? Date().timeIntervalSince1970, step: Int64(globalStep ?? 0), what: .summary(summary))
    }

    private func remember(_ error: TensorBoardError) {
        if deferredError == nil {
            deferredError = error
            FileHandle.standardError.write(Data("\(error)\n".utf8))
        }
    }

    private func takeDeferredError() -> TensorBoardError? {
        lock.withLock {
            defer { deferredError = nil }
            return deferredError
        }
    }

    private func snapshot() -> [EventFileWriter] { lock.withLock { allWriters.map(\.writer) } }
}
