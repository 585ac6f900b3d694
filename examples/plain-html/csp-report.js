// Loaded first, as a classic script: every Content-Security-Policy (and Trusted Types) violation
// on this page is kept in window.cspViolations and shown at the bottom of the page.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  var violation = {
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile ? event.sourceFile + ':' + event.lineNumber : '',
    sample: event.sample,
  };
  window.cspViolations.push(violation);
  console.error('CSP violation', JSON.stringify(violation));
  var status = document.getElementById('csp-status');
  if (status) status.textContent = window.cspViolations.length + ' Content-Security-Policy violation(s): see the console.';
});
