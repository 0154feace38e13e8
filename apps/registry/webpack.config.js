module.exports = require('../../tools/webpack-service')('registry');
