module.exports = require('../../tools/webpack-service')('documents');
