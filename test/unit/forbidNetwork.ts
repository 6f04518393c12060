// The unit tier does no I/O: any attempt to open a socket fails the test that made it.
// Core modules are shared by every test file a jest worker runs (whatever the project), so the guard is
// installed around each unit test file and removed after it.
import net from 'node:net';

const realConnect = net.Socket.prototype.connect;

beforeAll(() => {
  net.Socket.prototype.connect = function connect(): never {
    throw new Error('unit tests must not open network connections; move this test to test/embedded or test/integration');
  };
});

afterAll(() => {
  net.Socket.prototype.connect = realConnect;
});
