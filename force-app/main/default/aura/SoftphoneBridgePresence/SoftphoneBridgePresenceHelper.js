({
    // 'Offline' is reserved: it means "logged out of Omni-Channel", not a presence status record.

    readCurrentStatus: function (cmp) {
        cmp.find('omniToolkit')
            .getServicePresenceStatusId()
            .then(
                $A.getCallback(function (result) {
                    cmp.set('v.currentStatus', result && result.statusApiName ? result.statusApiName : 'Offline');
                })
            )
            .catch(
                $A.getCallback(function () {
                    // The toolkit rejects when the agent is not logged in to Omni-Channel.
                    cmp.set('v.currentStatus', 'Offline');
                })
            );
    },

    /** Omni-Channel changed: by the agent, a supervisor, routing, or by us for the softphone. */
    omniChanged: function (cmp, statusDeveloperName) {
        if (typeof statusDeveloperName !== 'string' || statusDeveloperName === '') return;
        var requested = cmp.get('v.requestedStatus');
        cmp.set('v.currentStatus', statusDeveloperName);
        cmp.set('v.requestedStatus', null);
        if (requested === statusDeveloperName) return; // the softphone's own request: don't echo it back
        cmp.find('bridgeChannel').publish({
            type: 'presence',
            source: 'omni',
            statusDeveloperName: statusDeveloperName
        });
    },

    /** The softphone's status changed: make Omni-Channel follow. */
    applySoftphoneStatus: function (cmp, statusDeveloperName) {
        if (typeof statusDeveloperName !== 'string' || statusDeveloperName === '') return;
        if (statusDeveloperName === cmp.get('v.currentStatus')) return;
        var helper = this;
        var omni = cmp.find('omniToolkit');
        cmp.set('v.requestedStatus', statusDeveloperName);

        if (statusDeveloperName === 'Offline') {
            omni.logout().catch(
                $A.getCallback(function (error) {
                    helper.requestFailed(cmp, 'log out of Omni-Channel', error);
                })
            );
            return;
        }

        var action = cmp.get('c.statusIdFor');
        action.setParams({ developerName: statusDeveloperName });
        action.setCallback(this, function (response) {
            if (response.getState() !== 'SUCCESS') {
                helper.requestFailed(
                    cmp,
                    'look up the Omni-Channel status ' + statusDeveloperName,
                    response.getError()
                );
                return;
            }
            var statusId = response.getReturnValue();
            if (!statusId) {
                helper.requestFailed(
                    cmp,
                    'find an Omni-Channel status named ' +
                        statusDeveloperName +
                        ' (check PresenceMap in the call center)',
                    null
                );
                return;
            }
            omni.setServicePresenceStatus({ statusId: statusId }).catch(
                $A.getCallback(function (error) {
                    helper.requestFailed(cmp, 'set the Omni-Channel status ' + statusDeveloperName, error);
                })
            );
        });
        $A.enqueueAction(action);
    },

    requestFailed: function (cmp, what, error) {
        cmp.set('v.requestedStatus', null);
        // Background utilities have no UI; the console is where an admin looks.
        console.warn('Softphone Bridge presence: could not ' + what + '.', error);
    }
});
