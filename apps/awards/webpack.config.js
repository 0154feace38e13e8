module.exports = require('../../tools/webpack-service')('awards');
