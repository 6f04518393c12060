// The unit tier does no I/O: any attempt to open a socket fails the test that made it.
import net from 'node:net';

net.Socket.prototype.connect = function connect(): never {
  throw new Error('unit tests must not open network connections; move this test to test/embedded or test/integration');
};
