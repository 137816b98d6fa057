/**
 * Records as getRecord (lightning/uiRecordApi) hands them to a component: the User Interface API
 * "Record" response body, https://developer.salesforce.com/docs/atlas.en-us.uiapi.meta/uiapi/ui_api_responses_record.htm
 * (apiName, childRelationships, fields: {Field: {displayValue, value}}, id, lastModifiedById,
 * lastModifiedDate, recordTypeId, recordTypeInfo, systemModstamp, eTag, weakEtag), with the
 * "Field Value" body https://developer.salesforce.com/docs/atlas.en-us.uiapi.meta/uiapi/ui_api_responses_field_value.htm
 * (a lookup's value is the related Record). Trimmed to the fields the component asks for; the
 * values are made up. Phone values are stored as the agent typed them (not E.164).
 */
const meta = (apiName, id) => ({
    apiName,
    childRelationships: {},
    eTag: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    id,
    lastModifiedById: '005000000000001AAA',
    lastModifiedDate: '2026-11-30T09:12:44.000Z',
    recordTypeId: '012000000000000AAA',
    recordTypeInfo: null,
    systemModstamp: '2026-11-30T09:12:44.000Z',
    weakEtag: 1764493964000
});

/** A Contact with a number in Phone. */
export const contactWithPhone = {
    ...meta('Contact', '003000000000001AAA'),
    fields: {
        Name: { displayValue: null, value: 'Ada Lovelace' },
        Phone: { displayValue: null, value: '(555) 010-0100' }
    }
};

/** A Contact whose Phone is empty (the UI API sends null). */
export const contactWithoutPhone = {
    ...meta('Contact', '003000000000002AAA'),
    fields: {
        Name: { displayValue: null, value: 'Grace Hopper' },
        Phone: { displayValue: null, value: null }
    }
};

/** A Contact read with Account.Phone: the lookup's value is the Account record. */
export const contactWithAccountPhone = {
    ...meta('Contact', '003000000000003AAA'),
    fields: {
        Name: { displayValue: null, value: 'Alan Turing' },
        Account: {
            displayValue: 'Hopper Labs',
            value: {
                ...meta('Account', '001000000000003AAA'),
                fields: { Phone: { displayValue: null, value: '+44 20 7946 0018' } }
            }
        }
    }
};
