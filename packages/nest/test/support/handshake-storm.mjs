// A handshake storm from its own process, so that the storm's client work does not share the
// server's event loop: `sockets` sockets connect with one token and disconnect, in a loop, for
// `durationMs`; prints the outcome counts as JSON. Usage: node handshake-storm.mjs <url> <token> <sockets> <durationMs>
import { io } from 'socket.io-client';

const [url, token, sockets, durationMs] = process.argv.slice(2);
const counts = { accepted: 0, refused: 0, other: 0 };
const stopAt = Date.now() + Number(durationMs);

async function loop() {
  while (Date.now() < stopAt) {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
    const outcome = await new Promise((resolve) => {
      socket.once('connect', () => resolve('accepted'));
      socket.once('connect_error', (err) => resolve(err.message === 'rate_limited' ? 'refused' : 'other'));
    });
    socket.disconnect();
    counts[outcome] += 1;
  }
}

await Promise.all(Array.from({ length: Number(sockets) }, loop));
process.stdout.write(JSON.stringify(counts));
