// A local stand-in for Stripe.js (https://js.stripe.com/<release>/stripe.js), served to
// Chromium through `page.route` by storefront-stripe.test.ts. It implements the parts
// the storefront uses: `Stripe(publishableKey)`, `elements({ clientSecret })`,
// `elements.create('payment')` with `mount`, `on('ready' | 'loaderror')`, `destroy`,
// and `stripe.confirmPayment({ elements, redirect, confirmParams: { return_url } })`.
//
// Like Stripe.js it sends the card to Stripe's API from the browser
// (POST https://api.stripe.com/v1/payment_intents/:id/confirm, form-encoded, the
// publishable key and the client secret in the body), which the test routes to the
// local fake of Stripe's API; that fake then signs and delivers the webhook to the
// orders service. Unlike Stripe's, its card form is plain inputs in the mounted node,
// not an iframe of Stripe's host. Test card numbers: 4242 4242 4242 4242 succeeds,
// 4000 0000 0000 0002 and 4000 0000 0000 9995 are declined, 4000 0025 0000 3155 asks
// for 3-D Secure (a redirect to hooks.stripe.com).
(() => {
  const API = 'https://api.stripe.com/v1';
  const seen = { keys: [], wrappers: [], mounted: 0, confirmations: 0 };
  window.__fakeStripeJs = seen;

  const field = (parent, id, label, autocomplete, placeholder) => {
    const wrap = document.createElement('div');
    wrap.className = 'field';
    const labelEl = document.createElement('label');
    labelEl.htmlFor = id;
    labelEl.textContent = label;
    const input = document.createElement('input');
    input.id = id;
    input.name = id;
    input.inputMode = 'numeric';
    input.autocomplete = autocomplete;
    input.placeholder = placeholder;
    wrap.append(labelEl, input);
    parent.append(wrap);
    return input;
  };

  let counter = 0;
  function createPaymentElement(elements) {
    const handlers = {};
    const emit = (event, payload) => {
      for (const handler of handlers[event] ?? []) handler(payload);
    };
    let root = null;
    const element = {
      inputs: null,
      on(event, handler) {
        handlers[event] = [...(handlers[event] ?? []), handler];
        return element;
      },
      mount(target) {
        const node = typeof target === 'string' ? document.querySelector(target) : target;
        if (!node) throw new Error('IntegrationError: the mount target was not found.');
        counter += 1;
        root = document.createElement('fieldset');
        root.className = 'fake-stripe-payment-element';
        const legend = document.createElement('legend');
        legend.textContent = 'Card details';
        root.append(legend);
        element.inputs = {
          number: field(root, `fake-stripe-number-${counter}`, 'Card number', 'cc-number', '1234 1234 1234 1234'),
          expiry: field(root, `fake-stripe-expiry-${counter}`, 'Expiration date (MM / YY)', 'cc-exp', 'MM / YY'),
          cvc: field(root, `fake-stripe-cvc-${counter}`, 'Security code', 'cc-csc', 'CVC'),
        };
        root.addEventListener('input', () =>
          emit('change', { elementType: 'payment', empty: !element.inputs.number.value, complete: false }),
        );
        node.append(root);
        seen.mounted += 1;
        elements.paymentElement = element;
        setTimeout(() => emit('ready', { elementType: 'payment' }), 50);
        return element;
      },
      destroy() {
        root?.remove();
        root = null;
        if (elements.paymentElement === element) elements.paymentElement = null;
      },
      unmount() {
        root?.remove();
      },
    };
    return element;
  }

  function Stripe(publishableKey) {
    if (typeof publishableKey !== 'string' || !/^pk_(test|live)_/.test(publishableKey)) {
      throw new Error('IntegrationError: Invalid value for Stripe(): apiKey should be a publishable key.');
    }
    seen.keys.push(publishableKey);
    const stripe = {
      _registerWrapper(wrapper) {
        seen.wrappers.push(wrapper);
      },
      elements(options) {
        if (!options?.clientSecret) throw new Error('IntegrationError: elements() needs a clientSecret.');
        const elements = {
          clientSecret: options.clientSecret,
          paymentElement: null,
          create(type) {
            if (type !== 'payment') throw new Error(`IntegrationError: this fake only creates 'payment', not ${type}.`);
            return createPaymentElement(elements);
          },
          getElement(type) {
            return type === 'payment' ? elements.paymentElement : null;
          },
        };
        return elements;
      },
      async confirmPayment({ elements, redirect = 'always', confirmParams = {} }) {
        const element = elements?.paymentElement;
        if (!element?.inputs) throw new Error('IntegrationError: confirmPayment() needs mounted elements.');
        if (!confirmParams.return_url) throw new Error('IntegrationError: confirmPayment() needs a return_url.');
        const number = element.inputs.number.value.replace(/\s/g, '');
        const expiry = /^\s*(\d{1,2})\s*\/\s*(\d{2})\s*$/.exec(element.inputs.expiry.value);
        const cvc = element.inputs.cvc.value.trim();
        if (!/^\d{16}$/.test(number)) {
          return {
            error: { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' },
          };
        }
        if (!expiry) {
          return {
            error: {
              type: 'validation_error',
              code: 'incomplete_expiry',
              message: "Your card's expiration date is incomplete.",
            },
          };
        }
        if (!/^\d{3,4}$/.test(cvc)) {
          return {
            error: {
              type: 'validation_error',
              code: 'incomplete_cvc',
              message: "Your card's security code is incomplete.",
            },
          };
        }
        seen.confirmations += 1;
        const clientSecret = elements.clientSecret;
        const intentId = clientSecret.split('_secret_')[0];
        let response;
        try {
          response = await fetch(`${API}/payment_intents/${encodeURIComponent(intentId)}/confirm`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
              key: publishableKey,
              client_secret: clientSecret,
              return_url: confirmParams.return_url,
              'payment_method_data[type]': 'card',
              'payment_method_data[card][number]': number,
              'payment_method_data[card][exp_month]': expiry[1],
              'payment_method_data[card][exp_year]': expiry[2],
              'payment_method_data[card][cvc]': cvc,
            }),
          });
        } catch {
          return { error: { type: 'api_connection_error', message: 'We could not connect to Stripe.' } };
        }
        const body = await response.json();
        if (!response.ok) return { error: body.error };
        const intent = body;
        const returnTo = () => {
          const url = new URL(confirmParams.return_url);
          url.searchParams.set('payment_intent', intent.id);
          url.searchParams.set('payment_intent_client_secret', clientSecret);
          url.searchParams.set('redirect_status', intent.status === 'succeeded' ? 'succeeded' : 'failed');
          return url.href;
        };
        if (intent.status === 'requires_action' && intent.next_action?.type === 'redirect_to_url') {
          window.location.assign(intent.next_action.redirect_to_url.url);
          return new Promise(() => {});
        }
        if (redirect !== 'if_required') {
          window.location.assign(returnTo());
          return new Promise(() => {});
        }
        return { paymentIntent: intent };
      },
    };
    return stripe;
  }
  // The release train @stripe/stripe-js 10 expects (it warns about any other for test keys).
  Stripe.version = 'endive';
  window.Stripe = Stripe;
})();
