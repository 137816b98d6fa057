import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import { publish, MessageContext } from 'lightning/messageService';
import SOFTPHONE_BRIDGE from '@salesforce/messageChannel/SoftphoneBridge__c';

// A field API name, or a path through lookups such as Account.Phone.
const FIELD_PATH = /^[A-Za-z]\w*(\.[A-Za-z]\w*)*$/;

/**
 * Record-page button that asks the softphone to call the record's number. It only publishes a
 * `dial` message on the SoftphoneBridge__c channel; the bridge in the softphone validates the
 * number (E.164), starts the call and links the call log to this record.
 */
export default class SoftphoneBridgeCallButton extends LightningElement {
    @api recordId;
    @api objectApiName;
    /** Set in Lightning App Builder: the field to dial. */
    @api phoneField = 'Phone';

    sent = false;

    @wire(MessageContext) messageContext;

    @wire(getRecord, { recordId: '$recordId', fields: '$fields', optionalFields: '$optionalFields' })
    record;

    get fieldPath() {
        return this.objectApiName && FIELD_PATH.test(this.phoneField || '')
            ? `${this.objectApiName}.${this.phoneField}`
            : undefined;
    }

    get fields() {
        return this.fieldPath ? [this.fieldPath] : undefined;
    }

    get optionalFields() {
        return this.objectApiName ? [`${this.objectApiName}.Name`] : undefined;
    }

    get phone() {
        const value = this.record && this.record.data ? getFieldValue(this.record.data, this.fieldPath) : null;
        return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
    }

    get recordName() {
        const value =
            this.record && this.record.data ? getFieldValue(this.record.data, `${this.objectApiName}.Name`) : null;
        return typeof value === 'string' && value !== '' ? value : undefined;
    }

    get problem() {
        if (!this.fieldPath)
            return `"${this.phoneField}" is not a field name; fix the Phone field setting of this component.`;
        if (this.record && this.record.error) return `The field ${this.phoneField} can't be read on this record.`;
        if (this.record && this.record.data && !this.phone)
            return `There is no number in ${this.phoneField}, so there is nothing to call.`;
        return null;
    }

    get numberText() {
        return this.phone || '—';
    }

    get isDisabled() {
        return !this.phone;
    }

    get hint() {
        if (this.problem) return this.problem;
        return this.sent ? 'Sent to the softphone.' : '';
    }

    handleCall() {
        if (!this.phone) return;
        const message = { type: 'dial', dialTo: this.phone, recordId: this.recordId, objectType: this.objectApiName };
        if (this.recordName) message.recordName = this.recordName;
        publish(this.messageContext, SOFTPHONE_BRIDGE, message);
        this.sent = true;
    }
}
