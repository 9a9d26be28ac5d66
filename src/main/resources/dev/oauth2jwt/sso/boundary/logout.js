// The logout page's one script: once every application's front-channel logout frame has loaded
// (or after five seconds, whichever comes first), go on to the address the application asked to
// return to. Loaded before the frames, so that no frame's load is missed. Without it the page shows
// a link to go on.
(function () {
    'use strict';
    var loaded = 0, gone = false;
    function goOn() {
        var next = document.getElementById('continue');
        if (!gone && next) {
            gone = true;
            window.location.replace(next.href);
        }
    }
    function check() {
        if (document.readyState !== 'loading' && loaded >= document.querySelectorAll('iframe.logout').length) {
            goOn();
        }
    }
    document.addEventListener('load', function (event) {
        if (event.target.tagName === 'IFRAME') {
            loaded++;
            check();
        }
    }, true);
    document.addEventListener('DOMContentLoaded', function () {
        check();
        setTimeout(goOn, 5000);
    });
})();
