// The softphone's side of the development page: drives window.softphoneBridge (the Salesforce
// bundle) through the contract, and shows what came back. Text only, never HTML.
const bridge = window.softphoneBridge;
const stub = () => window.openCtiStub;
const partner = { partnerId: '' };
let call = 0;

function show(id, items) {
  const list = document.getElementById(id);
  list.replaceChildren(...items.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
}

async function refresh() {
  const status = await bridge.status();
  document.getElementById('status').textContent =
    `loaded ${status.loaded}, connected ${status.connected}, ${status.durability} storage, outbox pending ${status.outbox.pending}` +
    (status.lastError ? `, last error ${status.lastError.code}` : '');
  show('calls', stub()?.opencti.calls.map((c) => c.method) ?? []);
  show(
    'tasks',
    [...(stub()?.org.tasks.values() ?? [])].map((t) => JSON.stringify(t)),
  );
}

const received = [];
function callback(eventType, payload) {
  received.push(eventType);
  if (eventType === 'partner_config') partner.partnerId = payload.partnerId;
  show('callbacks', received);
}

/** One contract call, its refusal shown on the page rather than lost. */
async function contract(method, payload) {
  try {
    await bridge[method](payload);
  } catch (error) {
    document.getElementById('status').textContent = `${method} refused: ${error.code} ${error.message}`;
    return;
  }
  setTimeout(refresh, 300);
}

const ids = () => ({ partnerId: partner.partnerId, conversationId: `dev-call-${call}` });
document.getElementById('ring').addEventListener('click', () => {
  call += 1;
  void contract('incomingCall', { ...ids(), callerANI: '+15550100100' });
});
document.getElementById('accept').addEventListener('click', () => void contract('callAccepted', ids()));
document
  .getElementById('end')
  .addEventListener(
    'click',
    () => void contract('callEnded', { ...ids(), duration: 42, disposition: 'resolved', notes: 'Development call.' }),
  );

try {
  await bridge.load(callback);
} catch (error) {
  document.getElementById('status').textContent = `load refused: ${error.code} ${error.message}`;
}
await refresh();
setInterval(refresh, 1000);
