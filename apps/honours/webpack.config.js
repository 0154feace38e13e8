module.exports = require('../../tools/webpack-service')('honours');
