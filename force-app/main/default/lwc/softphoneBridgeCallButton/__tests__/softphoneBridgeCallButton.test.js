import { createElement } from 'lwc';
import SoftphoneBridgeCallButton from 'c/softphoneBridgeCallButton';
import { getRecord } from 'lightning/uiRecordApi';
import { publish, MessageContext } from 'lightning/messageService';
import { contactWithAccountPhone, contactWithPhone, contactWithoutPhone } from './data/records';

// sfdx-lwc-jest stubs lightning/messageService (publish is a jest.fn) and turns
// `import SOFTPHONE_BRIDGE from '@salesforce/messageChannel/SoftphoneBridge__c'` into the string
// 'SoftphoneBridge__c'; getRecord and MessageContext are test wire adapters the test emits into.

function mount(props = {}) {
    const element = createElement('c-softphone-bridge-call-button', { is: SoftphoneBridgeCallButton });
    Object.assign(element, { recordId: '003000000000001AAA', objectApiName: 'Contact', ...props });
    document.body.appendChild(element);
    return element;
}

const flush = () => Promise.resolve();
const button = (element) => element.shadowRoot.querySelector('lightning-button');
const numberShown = (element) => element.shadowRoot.querySelector('p.slds-text-heading_small').textContent;
const hint = (element) => element.shadowRoot.querySelector('p[aria-live]');

describe('c-softphone-bridge-call-button', () => {
    afterEach(() => {
        while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
        jest.clearAllMocks();
    });

    it('asks getRecord for the configured field and the name, on this record', async () => {
        mount({ phoneField: 'MobilePhone' });
        await flush();
        expect(getRecord.getLastConfig()).toEqual({
            recordId: '003000000000001AAA',
            fields: ['Contact.MobilePhone'],
            optionalFields: ['Contact.Name']
        });
    });

    it('shows the number and publishes one dial message on SoftphoneBridge__c when clicked', async () => {
        const element = mount();
        const context = { context: 'message context of this page' };
        MessageContext.emit(context);
        getRecord.emit(contactWithPhone);
        await flush();

        expect(numberShown(element)).toBe('(555) 010-0100');
        expect(button(element).disabled).toBe(false);
        button(element).click();
        await flush();

        expect(publish).toHaveBeenCalledTimes(1);
        expect(publish).toHaveBeenCalledWith(context, 'SoftphoneBridge__c', {
            type: 'dial',
            dialTo: '(555) 010-0100',
            recordId: '003000000000001AAA',
            objectType: 'Contact',
            recordName: 'Ada Lovelace'
        });
        expect(hint(element).textContent).toBe('Sent to the softphone.');
    });

    it('dials a number read through a lookup (Account.Phone on a Contact)', async () => {
        const element = mount({ recordId: '003000000000003AAA', phoneField: 'Account.Phone' });
        getRecord.emit(contactWithAccountPhone);
        await flush();
        expect(getRecord.getLastConfig().fields).toEqual(['Contact.Account.Phone']);
        button(element).click();
        await flush();
        expect(publish.mock.calls[0][2]).toEqual({
            type: 'dial',
            dialTo: '+44 20 7946 0018',
            recordId: '003000000000003AAA',
            objectType: 'Contact',
            recordName: 'Alan Turing'
        });
    });

    it('is disabled with no number, says why, and publishes nothing even if clicked', async () => {
        const element = mount({ recordId: '003000000000002AAA' });
        getRecord.emit(contactWithoutPhone);
        await flush();

        expect(button(element).disabled).toBe(true);
        expect(numberShown(element)).toBe('—');
        expect(hint(element).textContent).toBe('There is no number in Phone, so there is nothing to call.');
        // A disabled lightning-button swallows clicks in Salesforce; the stub does not, so this
        // checks the component's own guard.
        button(element).click();
        await flush();
        expect(publish).not.toHaveBeenCalled();
    });

    it('treats a blank number as no number', async () => {
        const element = mount();
        getRecord.emit({
            ...contactWithPhone,
            fields: { ...contactWithPhone.fields, Phone: { displayValue: null, value: '   ' } }
        });
        await flush();
        expect(button(element).disabled).toBe(true);
        button(element).click();
        expect(publish).not.toHaveBeenCalled();
    });

    it('stays disabled while the record loads, and says so when the field cannot be read', async () => {
        const element = mount();
        await flush();
        expect(button(element).disabled).toBe(true);
        expect(hint(element).textContent).toBe('');

        getRecord.error({ message: 'Invalid field' }, 400, 'Bad Request');
        await flush();
        expect(button(element).disabled).toBe(true);
        expect(hint(element).textContent).toBe("The field Phone can't be read on this record.");
    });

    it('refuses a Phone field setting that is not a field name, and never asks for it', async () => {
        const element = mount({ phoneField: 'Phone); DROP' });
        await flush();
        expect(getRecord.getLastConfig().fields).toBeUndefined();
        expect(button(element).disabled).toBe(true);
        expect(hint(element).textContent).toBe(
            '"Phone); DROP" is not a field name; fix the Phone field setting of this component.'
        );
    });

    it('has an accessible name and announces its hints politely', async () => {
        const element = mount();
        getRecord.emit(contactWithPhone);
        await flush();
        expect(button(element).label).toBe('Call');
        expect(button(element).iconName).toBe('utility:call');
        expect(hint(element).getAttribute('aria-live')).toBe('polite');
        expect(element.shadowRoot.querySelector('lightning-card').title).toBe('Softphone');
    });

    it('renders the record name and number as text, never as markup', async () => {
        const element = mount();
        getRecord.emit({
            ...contactWithPhone,
            fields: { ...contactWithPhone.fields, Phone: { displayValue: null, value: '<img src=x onerror=alert(1)>' } }
        });
        await flush();
        expect(numberShown(element)).toBe('<img src=x onerror=alert(1)>');
        expect(element.shadowRoot.querySelector('img')).toBeNull();
    });
});
