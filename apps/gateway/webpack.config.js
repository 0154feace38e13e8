module.exports = require('../../tools/webpack-service')('gateway');
