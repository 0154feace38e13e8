module.exports = require('../../tools/webpack-service')('notifications');
