// Sightline's own script: live validation of the intelligence report form. It asks the
// server to normalise phones, registrations, postcodes and dates of birth exactly as ingest
// does, and shows the result beside the field. No inline script: the content security
// policy forbids it.
(function () {
  'use strict';

  function message(field, text, bad) {
    var el = document.querySelector('.field-message[data-for="' + field.id + '"]');
    if (!el) { return; }
    el.textContent = text;
    el.classList.toggle('bad', !!bad);
  }

  function normalise(field) {
    var value = field.value.trim();
    if (!value) { message(field, '', false); return; }
    var url = '/api/normalise?kind=' + encodeURIComponent(field.dataset.normalise) +
      '&value=' + encodeURIComponent(value);
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (j) {
        if (j.valid) { message(field, 'Recorded as ' + j.normalised, false); }
        else { message(field, j.problem || 'not recognised', true); }
      })
      .catch(function () { message(field, '', false); });
  }

  function checkConditions(form) {
    var handling = form.querySelector('input[name="handling"]:checked');
    var conditions = form.querySelector('#conditions');
    if (!handling || !conditions) { return true; }
    var needed = handling.value === 'C' && !conditions.value.trim();
    message(conditions, needed ? 'Handling code C needs the conditions under which it may be shared' : '', needed);
    conditions.required = handling.value === 'C';
    return !needed;
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-normalise]').forEach(function (field) {
      field.addEventListener('change', function () { normalise(field); });
      field.addEventListener('blur', function () { normalise(field); });
    });
    document.querySelectorAll('form[data-validate]').forEach(function (form) {
      form.querySelectorAll('input[name="handling"], #conditions').forEach(function (el) {
        el.addEventListener('change', function () { checkConditions(form); });
        el.addEventListener('input', function () { checkConditions(form); });
      });
      form.addEventListener('submit', function (e) {
        if (!checkConditions(form)) { e.preventDefault(); form.querySelector('#conditions').focus(); }
      });
    });
  });
}());
