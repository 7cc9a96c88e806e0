-- A partner may have up to 50 email domains of up to 253 characters (SPEC 9: every value a command accepts is
-- storable by every read model). Space-separated, they need up to 50 * 254 characters; 4000 could not hold them.
ALTER TABLE partner_directory ALTER COLUMN domains SET DATA TYPE VARCHAR(12800);
ALTER TABLE partner_view ALTER COLUMN domains SET DATA TYPE VARCHAR(12800);
