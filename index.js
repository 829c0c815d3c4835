// n8n loads this package through the `n8n` block of package.json; this file
// only exists so that `require('n8n-nodes-omise')` resolves.
module.exports = {};
