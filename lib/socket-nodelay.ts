/**
 * neo4j-driver 5 writes Bolt messages through a 1,400-byte chunk buffer on sockets that keep
 * Nagle's algorithm on. A request longer than one chunk (most of our Cypher with its parameters)
 * leaves in two writes, and the second waits for the server's delayed ACK: about 40 ms on Linux,
 * for a query the server answers in 1–2 ms. The driver offers no socket option, but it calls
 * `setKeepAlive(true)` on every socket it opens; disabling Nagle at that point removes the stall.
 * Other sockets that ask for keep-alive (HTTP agents) get TCP_NODELAY too, which Node's HTTP
 * already uses by default.
 */
import net from 'node:net';

const PATCHED = Symbol.for('regkg.socketNoDelay');
const proto = net.Socket.prototype as net.Socket & { [PATCHED]?: boolean };

if (!proto[PATCHED]) {
  const setKeepAlive = proto.setKeepAlive;
  proto.setKeepAlive = function patchedSetKeepAlive(this: net.Socket, ...args: Parameters<net.Socket['setKeepAlive']>) {
    this.setNoDelay(true);
    return setKeepAlive.apply(this, args);
  };
  proto[PATCHED] = true;
}
