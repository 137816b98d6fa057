export { fakeAdapter, type FakeAdapter } from './fake-adapter.js';
export { FakeCrm, type FakeCallLogRecord, type FakeContact, type FakeCrmOptions, type FakeFault } from './fake-crm.js';
