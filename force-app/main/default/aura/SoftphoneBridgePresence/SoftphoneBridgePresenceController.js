({
    onInit: function (cmp, event, helper) {
        helper.readCurrentStatus(cmp);
    },

    onStatusChanged: function (cmp, event, helper) {
        helper.omniChanged(cmp, event.getParam('statusApiName'));
    },

    onLogout: function (cmp, event, helper) {
        helper.omniChanged(cmp, 'Offline');
    },

    onBridgeMessage: function (cmp, message, helper) {
        // Only the softphone's requests; our own 'omni' messages come back to us too and are dropped here.
        if (message.getParam('type') !== 'setPresence' || message.getParam('source') !== 'softphone') return;
        helper.applySoftphoneStatus(cmp, message.getParam('statusDeveloperName'));
    }
});
