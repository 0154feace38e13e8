module.exports = require('../../tools/webpack-service')('intake');
