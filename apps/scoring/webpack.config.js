module.exports = require('../../tools/webpack-service')('scoring');
