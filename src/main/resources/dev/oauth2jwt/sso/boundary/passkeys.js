// Passkeys on the login and account pages: the only script they have. Each button with
// data-passkey asks the server for options (data-options, a form post with the page's CSRF token),
// lets the browser make or use the passkey, puts the answer in the form's "passkey" field and
// submits the form. Without this script (or WebAuthn) the buttons stay hidden; nothing else needs it.
(function () {
    'use strict';
    if (!window.PublicKeyCredential || !navigator.credentials) {
        return;
    }
    function base64url(buffer) {
        var bytes = new Uint8Array(buffer), text = '';
        for (var i = 0; i < bytes.length; i++) {
            text += String.fromCharCode(bytes[i]);
        }
        return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }
    function bytes(value) {
        var text = atob(value.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((value.length + 3) % 4));
        var out = new Uint8Array(text.length);
        for (var i = 0; i < text.length; i++) {
            out[i] = text.charCodeAt(i);
        }
        return out;
    }
    function withIds(list) {
        return (list || []).map(function (credential) {
            return {type: credential.type, id: bytes(credential.id)};
        });
    }
    function say(form, message) {
        var status = form.querySelector('[data-passkey-status]');
        if (status) {
            status.textContent = message;
            status.hidden = false;
        }
    }
    function options(button) {
        var form = button.form, body = new URLSearchParams();
        form.querySelectorAll('input[type=hidden]').forEach(function (input) {
            if (input.name !== 'passkey') {
                body.append(input.name, input.value);
            }
        });
        return fetch(button.getAttribute('data-options'), {method: 'POST', body: body, credentials: 'same-origin'})
            .then(function (answer) {
                if (!answer.ok) {
                    throw new Error('The server refused: reload the page and try again.');
                }
                return answer.json();
            });
    }
    function registration(o) {
        return navigator.credentials.create({publicKey: {
            challenge: bytes(o.challenge), rp: o.rp,
            user: {id: bytes(o.user.id), name: o.user.name, displayName: o.user.displayName},
            pubKeyCredParams: o.pubKeyCredParams, excludeCredentials: withIds(o.excludeCredentials),
            authenticatorSelection: o.authenticatorSelection, attestation: o.attestation, timeout: o.timeout
        }}).then(function (credential) {
            var response = credential.response;
            return {id: credential.id, rawId: base64url(credential.rawId), type: credential.type,
                authenticatorAttachment: credential.authenticatorAttachment || null,
                clientExtensionResults: credential.getClientExtensionResults(),
                response: {clientDataJSON: base64url(response.clientDataJSON),
                    attestationObject: base64url(response.attestationObject),
                    transports: response.getTransports ? response.getTransports() : []}};
        });
    }
    function assertion(o) {
        return navigator.credentials.get({publicKey: {
            challenge: bytes(o.challenge), rpId: o.rpId, allowCredentials: withIds(o.allowCredentials),
            userVerification: o.userVerification, timeout: o.timeout
        }}).then(function (credential) {
            var response = credential.response;
            return {id: credential.id, rawId: base64url(credential.rawId), type: credential.type,
                authenticatorAttachment: credential.authenticatorAttachment || null,
                clientExtensionResults: credential.getClientExtensionResults(),
                response: {clientDataJSON: base64url(response.clientDataJSON),
                    authenticatorData: base64url(response.authenticatorData),
                    signature: base64url(response.signature),
                    userHandle: response.userHandle ? base64url(response.userHandle) : null}};
        });
    }
    document.querySelectorAll('button[data-passkey]').forEach(function (button) {
        button.hidden = false;
        button.addEventListener('click', function (event) {
            event.preventDefault();
            var form = button.form;
            options(button)
                .then(button.getAttribute('data-passkey') === 'register' ? registration : assertion)
                .then(function (credential) {
                    form.querySelector('input[name=passkey]').value = JSON.stringify(credential);
                    form.querySelectorAll('[required]').forEach(function (input) {
                        input.required = false;
                    });
                    form.submit();
                })
                .catch(function (error) {
                    say(form, error && error.name === 'NotAllowedError'
                        ? 'No passkey was used. Try again, or use another way.' : (error && error.message) || String(error));
                });
        });
    });
}());
