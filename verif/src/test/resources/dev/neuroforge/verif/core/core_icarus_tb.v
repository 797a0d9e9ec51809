// Icarus Verilog testbench for the core (CoreIcarusTest): 128 KiB of RAM from +hex=<file>, the
// MMIO window as a sink (stores ignored, loads read 0), every other address an access fault. It
// stops at the first store to +tohost=<hex address> and prints "TOHOST <value>", and it stops with
// "UNKNOWN ..." as soon as a port or a retirement field carries an x or z bit: four-state
// simulation finds reset and initialisation problems that two-state Verilator hides.
`timescale 1ns/1ps
module core_icarus_tb;
  reg clk = 1'b0;
  reg rst_n = 1'b0;
  reg [31:0] mem [0:32767];
  reg [31:0] tohost;
  reg [1023:0] hex;
  integer cycle;
  integer retired;

  wire        imem_req;
  wire [31:0] imem_addr;
  reg  [31:0] imem_rdata;
  reg         imem_err;
  wire        dmem_req;
  wire        dmem_we;
  wire [3:0]  dmem_be;
  wire [31:0] dmem_addr;
  wire [31:0] dmem_wdata;
  reg  [31:0] dmem_rdata;
  wire        in_ram  = dmem_addr < 32'h00020000;
  wire        in_mmio = dmem_addr[31:8] == 24'h100000;
  wire        dmem_bad = dmem_req && !in_ram && !in_mmio;
  reg         dmem_err;   // the access fault comes back with the response, one cycle after the request

  wire        rvfi_valid;
  wire [63:0] rvfi_order;
  wire [31:0] rvfi_insn;
  wire        rvfi_trap;
  wire        rvfi_intr;
  wire [31:0] rvfi_pc_rdata;
  wire [31:0] rvfi_pc_wdata;
  wire [4:0]  rvfi_rs1_addr;
  wire [4:0]  rvfi_rs2_addr;
  wire [31:0] rvfi_rs1_rdata;
  wire [31:0] rvfi_rs2_rdata;
  wire [4:0]  rvfi_rd_addr;
  wire [31:0] rvfi_rd_wdata;
  wire [31:0] rvfi_mem_addr;
  wire [3:0]  rvfi_mem_rmask;
  wire [3:0]  rvfi_mem_wmask;
  wire [31:0] rvfi_mem_rdata;
  wire [31:0] rvfi_mem_wdata;
  wire        irq_taken;
  wire [3:0]  irq_cause;

  CORE dut (
    .clk_i(clk), .rst_ni(rst_n),
    .imem_req_o(imem_req), .imem_addr_o(imem_addr), .imem_ready_i(1'b1), .imem_rdata_i(imem_rdata),
    .imem_err_i(imem_err),
    .dmem_req_o(dmem_req), .dmem_we_o(dmem_we), .dmem_be_o(dmem_be), .dmem_addr_o(dmem_addr),
    .dmem_wdata_o(dmem_wdata), .dmem_ready_i(1'b1), .dmem_err_i(dmem_err), .dmem_rdata_i(dmem_rdata),
    .irq_external_i(1'b0), .irq_timer_i(1'b0), .irq_taken_o(irq_taken), .irq_cause_o(irq_cause),
    .rvfi_valid_o(rvfi_valid), .rvfi_order_o(rvfi_order), .rvfi_insn_o(rvfi_insn), .rvfi_trap_o(rvfi_trap),
    .rvfi_intr_o(rvfi_intr), .rvfi_pc_rdata_o(rvfi_pc_rdata), .rvfi_pc_wdata_o(rvfi_pc_wdata),
    .rvfi_rs1_addr_o(rvfi_rs1_addr), .rvfi_rs2_addr_o(rvfi_rs2_addr), .rvfi_rs1_rdata_o(rvfi_rs1_rdata),
    .rvfi_rs2_rdata_o(rvfi_rs2_rdata), .rvfi_rd_addr_o(rvfi_rd_addr), .rvfi_rd_wdata_o(rvfi_rd_wdata),
    .rvfi_mem_addr_o(rvfi_mem_addr), .rvfi_mem_rmask_o(rvfi_mem_rmask), .rvfi_mem_wmask_o(rvfi_mem_wmask),
    .rvfi_mem_rdata_o(rvfi_mem_rdata), .rvfi_mem_wdata_o(rvfi_mem_wdata)
  );

  always #5 clk = ~clk;

  initial begin
    if (!$value$plusargs("hex=%s", hex)) begin
      $display("ERROR no +hex=<file>");
      $finish;
    end
    if (!$value$plusargs("tohost=%h", tohost)) tohost = 32'h0;
    $readmemh(hex, mem);
    cycle = 0;
    retired = 0;
    dmem_err = 1'b0;
    repeat (3) @(posedge clk);
    #1 rst_n = 1'b1;
  end

  always @(posedge clk) begin
    if (rst_n) begin
      cycle <= cycle + 1;
      imem_rdata <= mem[imem_addr[16:2]];
      imem_err   <= imem_addr >= 32'h00020000;
      dmem_err   <= dmem_bad;
      if (dmem_req && !dmem_bad) begin
        if (dmem_we && in_ram) begin
          if (dmem_be[0]) mem[dmem_addr[16:2]][7:0]   <= dmem_wdata[7:0];
          if (dmem_be[1]) mem[dmem_addr[16:2]][15:8]  <= dmem_wdata[15:8];
          if (dmem_be[2]) mem[dmem_addr[16:2]][23:16] <= dmem_wdata[23:16];
          if (dmem_be[3]) mem[dmem_addr[16:2]][31:24] <= dmem_wdata[31:24];
          if (dmem_addr == tohost) begin
            $display("TOHOST %h after %0d cycles, %0d retired", dmem_wdata, cycle, retired);
            $finish;
          end
        end
        dmem_rdata <= in_ram ? mem[dmem_addr[16:2]] : 32'h0;
      end
      if (cycle > 200000) begin
        $display("TIMEOUT after %0d cycles", cycle);
        $finish;
      end
    end
  end

  // Checks in the middle of the low clock phase, when everything has settled.
  always @(negedge clk) begin
    if (rst_n) begin
      if (^{imem_req, imem_addr, dmem_req, rvfi_valid, irq_taken} === 1'bx) begin
        $display("UNKNOWN on a control output at cycle %0d: imem_addr=%h dmem_req=%b rvfi_valid=%b", cycle, imem_addr,
                 dmem_req, rvfi_valid);
        $finish;
      end
      if (dmem_req && ^{dmem_we, dmem_be, dmem_addr, dmem_wdata} === 1'bx) begin
        $display("UNKNOWN on the data request at cycle %0d: addr=%h be=%b wdata=%h", cycle, dmem_addr, dmem_be, dmem_wdata);
        $finish;
      end
      if (rvfi_valid) begin
        retired = retired + 1;
        if (^{rvfi_order, rvfi_insn, rvfi_trap, rvfi_intr, rvfi_pc_rdata, rvfi_pc_wdata, rvfi_rs1_addr, rvfi_rs2_addr,
              rvfi_rs1_rdata, rvfi_rs2_rdata, rvfi_rd_addr, rvfi_rd_wdata, rvfi_mem_addr, rvfi_mem_rmask,
              rvfi_mem_wmask, rvfi_mem_rdata, rvfi_mem_wdata} === 1'bx) begin
          $display("UNKNOWN in retirement #%0d at cycle %0d: pc=%h insn=%h rs1=%h rs2=%h rd=%h", rvfi_order, cycle,
                   rvfi_pc_rdata, rvfi_insn, rvfi_rs1_rdata, rvfi_rs2_rdata, rvfi_rd_wdata);
          $finish;
        end
      end
    end
  end
endmodule
