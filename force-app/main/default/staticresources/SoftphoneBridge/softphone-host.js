/*
 * Softphone Bridge host page script (Visualforce page SoftphoneBridge, loaded after Open CTI, the
 * bridge bundle and the remote host). It frames the vendor softphone whose address the admin sets in
 * the call center item /SoftphoneBridge/SoftphoneUrl, serves the bridge (window.softphoneBridge) to
 * that frame through the remote transport, and tells the agent in plain words when something is
 * missing.
 *
 * The vendor page runs on its own origin and loads only softphone-bridge.remote.iife.js (with this
 * page's origin in data-host-origins); its contract calls travel over a private MessagePort that
 * the remote host hands to exactly the origin of SoftphoneUrl, never to '*' (ADR 0005).
 * No inline HTML is built from settings: the URL is parsed and only https addresses are framed
 * (http only when this page itself is http, as on a local test server).
 */
(function () {
  'use strict';

  var SETTING = '/SoftphoneBridge/SoftphoneUrl';
  var TIMEOUT_MS = 10000;
  // How long a softphone may take to load and ask for the bridge before the admin is told why it did not.
  var CONNECT_MS = 15000;
  var status = document.getElementById('softphone-bridge-status');
  var slot = document.getElementById('softphone-bridge-frame');

  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'sb-status sb-error' : 'sb-status';
  }

  /**
   * The configured address when it is an absolute https URL, else null. Visualforce pages are always
   * https, where a browser would block an http frame anyway; only a page served over plain http (a
   * local test server) may frame an http address.
   */
  function softphoneUrl(raw) {
    if (typeof raw !== 'string' || raw.trim() === '') return null;
    try {
      var url = new URL(raw.trim());
      return url.protocol === 'https:' || (url.protocol === 'http:' && location.protocol === 'http:') ? url.href : null;
    } catch (_error) {
      return null;
    }
  }

  /** Tells the admin, until the softphone connects, what its page must load for the calls to arrive. */
  function watch(host, origin) {
    var advice =
      'The softphone at ' +
      origin +
      ' has not connected to the bridge. Its page must load ' +
      'softphone-bridge.remote.iife.js with data-host-origins="' +
      location.origin +
      '".';
    window.setTimeout(function check() {
      if (host.connected) {
        if (status.textContent === advice) say('', false);
        return;
      }
      if (status.textContent === '') say(advice, true);
      window.setTimeout(check, 2000);
    }, CONNECT_MS);
  }

  function frame(url) {
    var iframe = document.createElement('iframe');
    iframe.className = 'sb-frame';
    iframe.title = 'Softphone';
    iframe.setAttribute('allow', 'microphone; autoplay');
    iframe.setAttribute('referrerpolicy', 'origin');
    // The origin exactly as the browser reports the frame's messages (scheme, host, non-default
    // port): the only page the bridge answers. Served before the frame loads, so that the
    // softphone's first request finds the host listening.
    var origin = new URL(url).origin;
    var host;
    try {
      host = window.softphoneBridgeRemoteHost(iframe, origin);
    } catch (e) {
      say('The bridge cannot be served to ' + origin + ': ' + e.message, true);
      return;
    }
    iframe.src = url;
    slot.appendChild(iframe);
    say('', false);
    watch(host, origin);
  }

  if (typeof window.softphoneBridge === 'undefined') {
    say(
      'The Softphone Bridge script is missing from the SoftphoneBridge static resource. Run "npm run build" and deploy again.',
      true
    );
    return;
  }
  if (typeof window.softphoneBridgeRemoteHost !== 'function') {
    say(
      'The remote host script is missing from the SoftphoneBridge static resource. Run "npm run build" and deploy again.',
      true
    );
    return;
  }
  // Requests the bridge cannot carry out (a click-to-dial on an invalid number, a broken setting)
  // are told to the agent here, in the panel they are looking at; the message names no customer data.
  window.softphoneBridge.on('adapter.refused', function (error) {
    say(error.message, true);
  });
  window.softphoneBridge.on('adapter.failed', function (error) {
    say(error.message, true);
  });

  var opencti = window.sforce && window.sforce.opencti;
  if (!opencti || typeof opencti.getCallCenterSettings !== 'function') {
    say('Salesforce Open CTI did not load on this page.', true);
    return;
  }

  // Open CTI never answers when the page was not opened by the utility bar (no sfdcIframeOrigin/mode).
  var timer = window.setTimeout(function () {
    say(
      'Salesforce did not send the call center settings. Open the softphone from the utility bar of a Lightning app whose users are assigned to the SoftphoneBridge call center.',
      true
    );
  }, TIMEOUT_MS);

  opencti.getCallCenterSettings({
    callback: function (response) {
      window.clearTimeout(timer);
      if (!response || response.success !== true) {
        say('Salesforce could not read the call center settings.', true);
        return;
      }
      var raw = response.returnValue ? response.returnValue[SETTING] : undefined;
      var url = softphoneUrl(raw);
      if (url === null) {
        say(
          typeof raw === 'string' && raw.trim() !== ''
            ? 'SoftphoneUrl in the call center must be an https:// address.'
            : 'Set SoftphoneUrl in the Softphone Bridge section of the call center.',
          true
        );
        return;
      }
      frame(url);
    }
  });
})();
