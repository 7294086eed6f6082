import http from 'node:http';

// A small round-robin load balancer for "beyond one machine" (issue 10): several Guia
// processes behind one address, on one PostgreSQL. Sessions live in the database, so any
// process can answer any request and nothing sticks a client to one of them. Connections to
// the processes are kept alive (as nginx's `keepalive` would), so the balancer adds a hop but
// not a TCP handshake per request. For measuring on loopback, not for production: a real
// deployment puts nginx, HAProxy or the cloud's balancer here.

export type Balancer = { port: number; close(): Promise<void>; served(): number[] };

export async function startBalancer(backends: { host: string; port: number }[], port = 0): Promise<Balancer> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const served = backends.map(() => 0);
  let next = 0;
  const server = http.createServer((request, response) => {
    const index = next;
    next = (next + 1) % backends.length;
    served[index]! += 1;
    const backend = backends[index]!;
    const upstream = http.request(
      {
        host: backend.host,
        port: backend.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    served: () => [...served],
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
