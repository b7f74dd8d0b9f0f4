import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for the download tests (DataPipeline's datasets, VisionModels'
/// weights): tests never reach the internet. Each route answers with a status and a body; `cutAfter`
/// announces the full Content-Length but closes the connection after that many bytes. `requests` counts
/// the requests served per path.
public final class TestHTTPServer: @unchecked Sendable {
    public struct Route {
        public var status = 200
        public var body: [UInt8]
        public var cutAfter: Int? = nil

        public init(status: Int = 200, body: [UInt8], cutAfter: Int? = nil) {
            self.status = status
            self.body = body
            self.cutAfter = cutAfter
        }
    }

    public struct ListenError: Error {}

    public let port: UInt16
    private let counts = NSLock()
    private var requestCounts: [String: Int] = [:]
    private let socketFD: Int32
    private let routes: [String: Route]
    /// Signalled when the serving thread has returned.
    private let served = DispatchSemaphore(value: 0)

    public init(routes: [String: Route]) throws {
        self.routes = routes
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socketFD = socketFD
        var yes: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socketFD, 16) == 0 else { throw ListenError() }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        port = UInt16(bigEndian: addr.sin_port)
        _ = socketFD
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    public var baseURL: String { "http://127.0.0.1:\(port)/" }

    /// Closes the listening socket only after the serving thread has left `accept` for good: closing it
    /// first let the old thread accept, with its own routes, on the next server's socket when the kernel
    /// reused the descriptor number (a 404 for a route the new server has).
    public func stop() {
        shutdown(socketFD, Int32(SHUT_RDWR))  // wakes accept() with an error
        served.wait()
        close(socketFD)
    }

    /// How many requests for `path` were answered.
    public func requests(_ path: String) -> Int {
        counts.lock()
        defer { counts.unlock() }
        return requestCounts[path] ?? 0
    }

    private func serve() {
        defer { served.signal() }
        while true {
            let client = accept(socketFD, nil, nil)
            if client < 0 { return }
            handle(client)
        }
    }

    private func handle(_ client: Int32) {
        defer { close(client) }
        var request = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !request.suffix(4).elementsEqual([13, 10, 13, 10]) {
            let n = recv(client, &chunk, chunk.count, 0)
            if n <= 0 { return }
            request += chunk[0..<n]
        }
        let line = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self)
        let path = line.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
        counts.lock()
        requestCounts[path, default: 0] += 1
        counts.unlock()
        let route = routes[path] ?? Route(status: 404, body: Array("not found".utf8))
        let reason = route.status == 200 ? "OK" : "Not Found"
        let header =
            "HTTP/1.1 \(route.status) \(reason)\r\nContent-Length: \(route.body.count)\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n"
        let out = Array(header.utf8) + route.body.prefix(route.cutAfter ?? route.body.count)
        var sent = 0
        while sent < out.count {
            let n = out.withUnsafeBytes { send(client, $0.baseAddress! + sent, $0.count - sent, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
        if route.cutAfter != nil { shutdown(client, Int32(SHUT_RDWR)) }
    }
}
