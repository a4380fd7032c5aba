-- Neovim's built-in LSP client drives `nanguard lsp`: it opens a file,
-- waits for the diagnostics it receives, and writes them to a file.
--   nvim --headless -u NONE -c "lua NANGUARD='...' SOURCE='...' OUT='...'" -c "luafile neovim_client.lua"
local client_id = vim.lsp.start_client({
  name = "nanguard",
  cmd = { NANGUARD, "lsp" },
  root_dir = vim.fn.fnamemodify(SOURCE, ":h"),
})
vim.cmd("edit " .. vim.fn.fnameescape(SOURCE))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client_id)
local got = vim.wait(20000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
local lines = {}
if not got then
  table.insert(lines, "no diagnostics received")
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(lines, string.format("%d:%d %s [%s] %s", d.lnum + 1, d.col + 1,
    vim.diagnostic.severity[d.severity], d.code or "", d.message))
end
vim.fn.writefile(lines, OUT)
vim.lsp.stop_client(client_id)
vim.cmd("qa!")
