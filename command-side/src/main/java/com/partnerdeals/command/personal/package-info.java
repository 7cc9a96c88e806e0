/**
 * Personal data on the command side (SPEC 11): erasing a customer contact (its key, its deals' records of it) and
 * the lookup that finds a contact's deals by a keyed hash of the email, never the email itself.
 */
package com.partnerdeals.command.personal;
